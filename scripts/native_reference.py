"""The same network and step in native PyTorch, for a side-by-side figure with `npm run bench`.

Optional: needs PyTorch (Debian: `apt-get install python3-torch`); nothing in `npm test` uses it.
Prints one JSON line: the median milliseconds per training step (batch 128, Adam, random data)
over 30 steps after 5 warm-up steps, with the thread count PyTorch used.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else torch.get_num_threads()
torch.set_num_threads(threads)
torch.manual_seed(42)

# The notebook's network: 80 + 1,168 + 40,100 + 1,010 = 42,358 parameters.
model = nn.Sequential(
    nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
    nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
    nn.Flatten(), nn.Linear(400, 100), nn.ReLU(), nn.Dropout(0.5), nn.Linear(100, 10),
)
assert sum(p.numel() for p in model.parameters()) == 42_358
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
print(json.dumps({"msPerStep": round(statistics.median(times[5:]), 2), "threads": threads, "torch": torch.__version__}))
