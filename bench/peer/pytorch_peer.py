"""PyTorch peer of the training benchmarks: the same reference CNN, data, batch size and optimizer
as bench/training.bench.ts, trained with PyTorch on the CPU, for a side-by-side ratio.

    python bench/peer/pytorch_peer.py [--dataset DIR] [--images N] [--threads T] [--batch B] [PATTERN]
    python bench/peer/pytorch_peer.py --seedgrid TRIALS.json [--dataset DIR] [--images N] [--threads T]

Network (libs/training/src/model.ts): 28x28x1 -> conv 5x5x8 'valid' -> ReLU -> maxpool 2 ->
conv 5x5x16 'valid' -> ReLU -> maxpool 2 -> flatten (256) -> dense 10 (softmax cross-entropy);
Adam 1e-3 (ε 1e-7 as in tfjs), batch 64, one seeded shuffle of Fashion-MNIST's first N training images (pixels / 255).
Cases: `learned` (every layer trains), `frozen` (both convs fixed, only the head trains, forward
through the convs every batch as in the tfjs frozen case), `linear` (raw-pixel dense 10).
Prints `bench peer.pytorch.<case> <img/s> img/s` for the whole epoch, first batches included, on
all cores by default (`--threads 1` for a one-thread figure; tfjs's wasm backend uses one).
Run it through `npm run bench -- peer` (scripts/install-peer.sh installs PyTorch first).

`--seedgrid` trains the trials listed in TRIALS.json (written by bench/seedgrid.bench.ts: each
trial's strategy, seed and first-layer bank as kernel-sweep builds it) one after the other, as a
plain PyTorch loop would: every epoch over the whole training set, then the test set evaluated;
`FROZEN` trials forward through their fixed convolutions every batch (no feature cache). Prints
`bench peer.pytorch.seedgrid.seconds S s` (the whole grid, data loading excluded) and a comment
line with the trials' mean test accuracy.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path: str) -> np.ndarray:
    """One IDX file (gzipped or plain) as a numpy array of its declared shape."""
    for candidate in (path + ".gz", path):
        if os.path.exists(candidate):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(candidate, "rb") as f:
                data = f.read()
            break
    else:
        raise FileNotFoundError(f"{path}(.gz) not found")
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def reference_cnn(f1: int = 8, f2: int = 16, k: int = 5) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, f1, k),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(f1, f2, k),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(f2 * 4 * 4, 10),
    )


def freeze_convs(model: nn.Sequential) -> None:
    """Fixes both conv layers of the reference CNN: only the head trains."""
    for layer in (model[0], model[3]):
        for p in layer.parameters():
            p.requires_grad_(False)


def build(case: str) -> nn.Module:
    if case == "linear":
        return nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10))
    model = reference_cnn()
    if case == "frozen":
        freeze_convs(model)
    return model


def train_epoch(model: nn.Module, opt: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor, order: torch.Tensor, batch: int) -> None:
    """One epoch of Adam steps over `x` in `order`, with a host read of the loss per batch, as the
    tfjs loop does."""
    loss_fn = nn.CrossEntropyLoss()
    for start in range(0, x.shape[0], batch):
        idx = order[start : start + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        loss.item()


def epoch_images_per_second(case: str, images: torch.Tensor, labels: torch.Tensor, batch: int, seed: int) -> float:
    torch.manual_seed(seed)
    model = build(case)
    # tfjs Adam's epsilon (the float32 backends' 1e-7), not PyTorch's 1e-8.
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3, eps=1e-7)
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(seed))
    # No warm-up excluded: the tfjs figures time the whole epoch, first batches included.
    began = time.perf_counter()
    train_epoch(model, opt, images, labels, order, batch)
    return images.shape[0] / (time.perf_counter() - began)


def head_epoch_seconds(images: int, batch: int, seed: int, dim: int = 256) -> float:
    """One epoch of the reference CNN's head alone (Linear(dim, 10), Adam 1e-3) over `images` rows
    of seeded random features: what a FROZEN trial trains on its cached features."""
    gen = torch.Generator().manual_seed(seed)
    features = torch.rand(images, dim, generator=gen) * 2 - 0.5
    features.clamp_(min=0)
    labels = torch.randint(0, 10, (images,), generator=gen)
    torch.manual_seed(seed)
    head = nn.Linear(dim, 10)
    opt = torch.optim.Adam(head.parameters(), lr=1e-3, eps=1e-7)
    order = torch.randperm(images, generator=gen)
    began = time.perf_counter()
    train_epoch(head, opt, features, labels, order, batch)
    return time.perf_counter() - began


def seedgrid_trial(trial: dict, data: dict, epochs: int, lr: float, batch: int) -> float:
    """Trains one seed-grid trial; returns its final test accuracy."""
    torch.manual_seed(trial["seed"])
    no_conv = trial["noConv"]
    model = build("linear") if no_conv else reference_cnn(trial["conv1Filters"], trial["conv2Filters"], trial["kernelSize"])
    if not no_conv:
        conv1 = model[0]
        if trial["conv1"] is not None:
            # kernel-sweep's bank is HWIO ([k, k, 1, f1]); PyTorch's weight is OIHW.
            k, f1 = trial["kernelSize"], trial["conv1Filters"]
            bank = torch.tensor(trial["conv1"], dtype=torch.float32).reshape(k, k, 1, f1)
            with torch.no_grad():
                conv1.weight.copy_(bank.permute(3, 2, 0, 1))
                conv1.bias.zero_()
        if trial["freeze"] == "FROZEN":
            freeze_convs(model)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr, eps=1e-7)
    gen = torch.Generator().manual_seed(trial["seed"])
    x, y, tx, ty = data["train_x"], data["train_y"], data["test_x"], data["test_y"]
    correct = 0
    for _ in range(epochs):
        model.train()
        train_epoch(model, opt, x, y, torch.randperm(x.shape[0], generator=gen), batch)
        model.eval()
        correct = 0
        with torch.no_grad():
            for start in range(0, tx.shape[0], 1000):
                correct += int((model(tx[start : start + 1000]).argmax(1) == ty[start : start + 1000]).sum())
    return correct / tx.shape[0]


def seedgrid(path: str, dataset: str, images: int) -> int:
    import json

    with open(path, encoding="utf-8") as f:
        grid = json.load(f)

    def load(split: str) -> tuple[torch.Tensor, torch.Tensor]:
        raw = read_idx(os.path.join(dataset, f"{split}-images-idx3-ubyte"))
        lab = read_idx(os.path.join(dataset, f"{split}-labels-idx1-ubyte"))
        return torch.from_numpy(raw.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28), torch.from_numpy(lab.astype(np.int64))

    train_x, train_y = load("train")
    train_x, train_y = train_x[:images], train_y[:images]
    test_x, test_y = load("t10k")
    data = {"train_x": train_x, "train_y": train_y, "test_x": test_x, "test_y": test_y}
    trials = grid["trials"]
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, seed grid of {len(trials)} trials, "
          f"{grid['epochs']} epochs over {train_x.shape[0]} images", file=sys.stderr)
    began = time.perf_counter()
    accuracies = [seedgrid_trial(t, data, grid["epochs"], grid["learningRate"], grid["batchSize"]) for t in trials]
    seconds = time.perf_counter() - began
    print(f"# peer seed grid: mean test accuracy {sum(accuracies) / len(accuracies):.4f} over {len(accuracies)} trials", file=sys.stderr)
    print(f"bench peer.pytorch.seedgrid.seconds {seconds:.1f} s", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pattern", nargs="?", default=".", help="regular expression over figure names")
    ap.add_argument("--dataset", default=os.environ.get("KS_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--images", type=int, default=int(os.environ.get("KS_BENCH_IMAGES", "10000")))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seedgrid", metavar="TRIALS.json", help="train the seed grid listed in this file instead")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    if args.seedgrid:
        return seedgrid(args.seedgrid, args.dataset, args.images)
    raw = read_idx(os.path.join(args.dataset, "train-images-idx3-ubyte"))[: args.images]
    images = torch.from_numpy(raw.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    labels = torch.from_numpy(read_idx(os.path.join(args.dataset, "train-labels-idx1-ubyte"))[: args.images].astype(np.int64))
    pattern = re.compile(args.pattern)
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, {images.shape[0]} images, batch {args.batch}", file=sys.stderr)
    for case in ("learned", "frozen", "linear"):
        name = f"peer.pytorch.{case}"
        if not pattern.search(name):
            continue
        print(f"bench {name} {round(epoch_images_per_second(case, images, labels, args.batch, 0))} img/s", flush=True)
    if pattern.search("peer.pytorch.head.epoch"):
        print(f"bench peer.pytorch.head.epoch {head_epoch_seconds(images.shape[0], args.batch, 0):.3f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
