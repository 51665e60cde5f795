import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBenchHooks } from './state/benchHooks';
import { installFaultHooks } from './state/faultHooks';
import { createMlClient } from './state/mlClient';
import { appStore } from './state/store';
import { parseParams } from './state/urlParams';
import { App } from './ui/App';
import { MlClientContext } from './ui/mlClientContext';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element');

const { config, problems } = parseParams(window.location.search);
appStore.setState({ config, notices: problems });

const client = createMlClient(new URL(`${import.meta.env.BASE_URL}data/mnist.json`, document.baseURI).href);
client.loadDataset();
client.startBackend();
const search = new URLSearchParams(window.location.search);
if (search.get('bench') === '1') installBenchHooks(client);
if (search.get('faults') === '1') installFaultHooks(client);

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
