import { useSettingsOpen } from '../../state/drawer';
import { NetworkPanel } from '../network/NetworkPanel';
import { SettingsPanel } from './SettingsPanel';

export const DRAWER_ID = 'settings-drawer';

/** The settings and the network editor, folded away unless opened from the training bar. */
export function SettingsDrawer() {
  const open = useSettingsOpen();
  return (
    <div id={DRAWER_ID} className="settings-drawer" hidden={!open}>
      <SettingsPanel />
      <NetworkPanel />
    </div>
  );
}
