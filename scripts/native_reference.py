"""The same network and step in native PyTorch, for a side-by-side figure with `npm run bench`.

Optional: needs PyTorch (Debian: `apt-get install python3-torch`); nothing in `npm test` uses it.
Usage: native_reference.py THREADS [NET], NET the network as the app's `net` text (the notebook's
by default). Prints one JSON line: the median milliseconds per training step (batch 128, Adam,
random data) over 30 steps after 5 warm-up steps, the thread count PyTorch used, and the network's
parameter count, which the bench checks against the app's own plan.
"""
import json
import re
import statistics
import sys
import time

import torch
from torch import nn

NOTEBOOK = "c8-p-d0.2-c16-p-d0.2-f-h100-d0.5"
ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "linear": nn.Identity}


def build(net: str) -> nn.Sequential:
    """The app's grammar (src/ml/network/netText.ts), layer for layer, ending in Dense(10)."""
    layers: list[nn.Module] = []
    channels, size, flat = 1, 28, None
    for piece in [p for p in net.split("-") if p]:
        if m := re.fullmatch(r"c(\d+)(?:k(\d+))?(s?)(?:\.(\w+))?", piece):
            filters, kernel = int(m[1]), int(m[2] or 3)
            same = m[3] == "s"
            # Keras' 'same' pads the odd zero at the bottom and right, as PyTorch's 'same' does.
            layers += [nn.Conv2d(channels, filters, kernel, padding="same" if same else 0), ACTIVATIONS[m[4] or "relu"]()]
            channels, size = filters, size if same else size - kernel + 1
        elif m := re.fullmatch(r"p(\d?)", piece):
            pool = int(m[1] or 2)
            layers.append(nn.MaxPool2d(pool))
            size //= pool
        elif piece == "b":
            # Keras' momentum 0.99 is PyTorch's 0.01; epsilon 0.001 as in Keras.
            layers.append(nn.BatchNorm1d(flat, eps=0.001, momentum=0.01) if flat else nn.BatchNorm2d(channels, eps=0.001, momentum=0.01))
        elif m := re.fullmatch(r"d([\d.]+)", piece):
            layers.append(nn.Dropout(float(m[1])))
        elif piece == "f":
            layers.append(nn.Flatten())
            flat = channels * size * size
        elif m := re.fullmatch(r"h(\d+)(?:\.(\w+))?", piece):
            layers += [nn.Linear(flat, int(m[1])), ACTIVATIONS[m[2] or "relu"]()]
            flat = int(m[1])
        else:
            raise SystemExit(f"not a layer: {piece}")
    layers.append(nn.Linear(flat, 10))
    return nn.Sequential(*layers)


threads = int(sys.argv[1]) if len(sys.argv) > 1 else torch.get_num_threads()
net = sys.argv[2] if len(sys.argv) > 2 else NOTEBOOK
torch.set_num_threads(threads)
torch.manual_seed(42)
model = build(net)
# PyTorch keeps batch normalisation's moving averages as buffers, Keras as (non-trainable) weights.
params = sum(p.numel() for p in model.parameters()) + sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
if net == NOTEBOOK:
    assert params == 42_358
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = nn.CrossEntropyLoss()
images = torch.rand(128, 1, 28, 28)
labels = torch.randint(0, 10, (128,))

times = []
for step in range(35):
    started = time.perf_counter()
    optimizer.zero_grad()
    loss = loss_fn(model(images), labels)
    loss.backward()
    optimizer.step()
    loss.item()
    times.append((time.perf_counter() - started) * 1000)
print(json.dumps({"msPerStep": round(statistics.median(times[5:]), 2), "threads": threads, "torch": torch.__version__, "params": params}))
