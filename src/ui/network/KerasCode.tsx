import { useState } from 'react';
import { kerasCode } from '../../ml/network/kerasCode';
import type { NetworkConfig } from '../../ml/network/network';
import type { OptimizerConfig } from '../../ml/training/optimizers';

/** The network as Keras code for the notebook, with a button that copies it. */
export function KerasCode({ network, optimizer }: { network: NetworkConfig; optimizer: OptimizerConfig }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const code = kerasCode(network, optimizer);
  const copy = (): void => {
    navigator.clipboard.writeText(code).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <details className="keras-code">
      <summary>The same network in Keras, for the notebook</summary>
      <pre data-testid="keras-code">{code}</pre>
      <button type="button" onClick={copy}>
        Copy the code
      </button>{' '}
      <span className="muted" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused to copy: select the code and copy it by hand.' : ''}
      </span>
    </details>
  );
}
