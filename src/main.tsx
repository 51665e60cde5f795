import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createMlClient } from './state/mlClient';
import { App } from './ui/App';
import { MlClientContext } from './ui/mlClientContext';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element');

const client = createMlClient(new URL(`${import.meta.env.BASE_URL}data/mnist.json`, document.baseURI).href);
client.loadDataset();

createRoot(root).render(
  <StrictMode>
    <MlClientContext value={client}>
      <App />
    </MlClientContext>
  </StrictMode>,
);
