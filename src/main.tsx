import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createMlClient } from './state/mlClient';
import { spawnMlWorker, watchByLock } from './state/spawnWorker';
import { appStore, type Notice } from './state/store';
import { keepRuns } from './state/runs/runKeeper';
import { startOffline } from './state/serviceWorker';
import { claimTab } from './state/tabId';
import { sameNetwork } from './ml/network/netText';
import { NOTEBOOK_NETWORK } from './ml/network/network';
import { draftOf } from './state/settings';
import { readParams } from './state/settingsUrl';
import { followSettings } from './state/settingsSync';
import { App } from './ui/App';
import { MlClientContext } from './ui/mlClientContext';
import './ui/styles.css';
import './ui/workbench.css';
import './ui/myDigits.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element');

const { config, problems } = readParams(window.location.search, navigator.hardwareConcurrency || 1);
appStore.setState({
  config,
  settings: { draft: draftOf(config), errors: {}, addressNetwork: !sameNetwork(config.train.network, NOTEBOOK_NETWORK) },
  notices: problems.map((message): Notice => ({ message, kind: 'problem' })),
});

// Only the harness build (tests and bench) has hooks; in the app's build this is null and the harness is not bundled.
const harness = import.meta.env.MODE === 'harness' ? (await import('./harness/page')).createHarness() : null;

const tab = await claimTab();
const client = createMlClient({
  tab,
  manifestUrl: new URL(`${import.meta.env.BASE_URL}data/mnist.json`, document.baseURI).href,
  spawn: harness?.spawn ?? spawnMlWorker,
  watch: watchByLock,
});
harness?.install(client);
followSettings(client);
void keepRuns(tab);
client.loadDataset();
client.startBackend();
void startOffline();

if (config.autostart) {
  const unsubscribe = appStore.subscribe((state) => {
    if (state.dataset.state === 'ready' && state.backend.state === 'ready' && state.training.state === 'idle') {
      unsubscribe();
      client.train();
    }
  });
}

createRoot(root).render(
  <StrictMode>
    <MlClientContext value={client}>
      <App />
    </MlClientContext>
  </StrictMode>,
);
