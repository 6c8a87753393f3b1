import { CountPanel } from '../components/CountPanel';
import { ReceivingPanel } from '../components/ReceivingPanel';

/** The back room: stock counts, and receiving deliveries from Metrc. */
export function BackRoomScreen() {
  return (
    <section className="back-room" aria-label="Back room">
      <h2>Back room</h2>
      <CountPanel />
      <ReceivingPanel />
    </section>
  );
}
