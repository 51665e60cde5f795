// The app's ML worker: the model, the dataset and training live here, never on the page.
import { startWorker } from './startWorker';

startWorker();
