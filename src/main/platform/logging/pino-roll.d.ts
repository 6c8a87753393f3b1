/** pino-roll ships no types: the part of its API the logger uses (https://github.com/mcollina/pino-roll). */
declare module 'pino-roll' {
  import type { SonicBoom } from 'sonic-boom';

  interface PinoRollOptions {
    /** The log file's path without its number; `.1`, `.2`… are appended (then `extension`). */
    readonly file: string;
    /** Roll once a file reaches this size ('k', 'm', 'g'; a number is MB). */
    readonly size?: string | number;
    readonly frequency?: 'daily' | 'hourly' | number;
    readonly extension?: string;
    readonly mkdir?: boolean;
    readonly symlink?: boolean;
    /** Files kept in addition to the current one; `removeOtherLogFiles` also counts files an earlier run wrote. */
    readonly limit?: { readonly count?: number; readonly removeOtherLogFiles?: boolean };
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
