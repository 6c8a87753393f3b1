import { ReceivingPanel } from '../components/ReceivingPanel';

/** The back room: receiving deliveries from Metrc, and stock counts. */
export function BackRoomScreen() {
  return (
    <section className="back-room" aria-label="Back room">
      <h2>Back room</h2>
      <ReceivingPanel />
    </section>
  );
}
