// Whether this computer is in kiosk mode. The backend remembers it across restarts and
// refuses every other command while it is on; the UI asks once at start and after changes.
import { commands, unwrap, type KioskInfo } from '$ipc';
import { dismissAll } from '$lib/components/toast.svelte';

let info = $state<KioskInfo | null>(null);
let checked = $state(false);

export const kiosk = {
  /** The kiosk's event name, consent texts and idle timeout; null when the kiosk is off. */
  get info(): KioskInfo | null {
    return info;
  },
  /** False until the first check has answered. */
  get checked(): boolean {
    return checked;
  },
};

export async function checkKiosk(): Promise<void> {
  try {
    info = unwrap(await commands.kioskInfo());
    // Whatever staff were told stays with staff: the visitor's screen starts clean.
    if (info) dismissAll();
  } catch {
    // A database that cannot be opened is reported by the session check that follows.
    info = null;
  }
  checked = true;
}
