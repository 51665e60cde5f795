import { DatasetStatus } from './DatasetStatus';
import { SampleGrid } from './SampleGrid';

export function App() {
  return (
    <>
      <header className="app-header">
        <h1>MNIST, trained in your tab</h1>
        <p>
          A small convolutional network learns the 60,000 handwritten digits of MNIST on your own device, inside this page. Nothing you do
          here leaves your browser.
        </p>
        <DatasetStatus />
      </header>
      <main>
        <SampleGrid />
      </main>
    </>
  );
}
