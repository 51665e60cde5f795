import type { NetworkConfig } from '../../ml/network/network';
import { netText } from '../../ml/network/netText';
import { summaryShape, type NetworkPlan } from '../../ml/network/plan';
import { count } from '../format';

/** The network as Keras' model.summary() prints it, from its plan: nothing is built to show it. */
export function NetworkSummary({ network, plan }: { network: NetworkConfig | null; plan: NetworkPlan | null }) {
  return (
    <figure
      className="network-summary"
      data-testid="network-summary"
      data-params={plan?.totalParams ?? ''}
      data-network={network ? netText(network) : ''}
    >
      <figcaption>Summary, as model.summary() prints it</figcaption>
      {plan ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Layer (type)</th>
              <th scope="col">Output Shape</th>
              <th scope="col">Param #</th>
            </tr>
          </thead>
          <tbody>
            {plan.layers.map((layer) => (
              <tr key={layer.name}>
                <td>
                  {layer.name} ({layer.className})
                </td>
                <td>{summaryShape(layer)}</td>
                <td>{count(layer.params)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total params
              </th>
              <td data-testid="network-params">{count(plan.totalParams)}</td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="muted">No summary until the network can be trained.</p>
      )}
    </figure>
  );
}
