"""PyTorch peer of the training benchmarks: the same reference CNN, data, batch size and optimizer
as bench/training.bench.ts, trained with PyTorch on the CPU, for a side-by-side ratio.

    python bench/peer/pytorch_peer.py [--dataset DIR] [--images N] [--threads T] [--batch B] [PATTERN]

Network (libs/training/src/model.ts): 28x28x1 -> conv 5x5x8 'valid' -> ReLU -> maxpool 2 ->
conv 5x5x16 'valid' -> ReLU -> maxpool 2 -> flatten (256) -> dense 10 (softmax cross-entropy);
Adam 1e-3 (ε 1e-7 as in tfjs), batch 64, one seeded shuffle of Fashion-MNIST's first N training images (pixels / 255).
Cases: `learned` (every layer trains), `frozen` (both convs fixed, only the head trains, forward
through the convs every batch as in the tfjs frozen case), `linear` (raw-pixel dense 10).
Prints `bench peer.pytorch.<case> <img/s> img/s` for the whole epoch, first batches included, on
all cores by default (`--threads 1` for a one-thread figure; tfjs's wasm backend uses one).
Run it through `npm run bench -- peer` (scripts/install-peer.sh installs PyTorch first).
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


def build(case: str) -> nn.Module:
    if case == "linear":
        return nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10))
    model = reference_cnn()
    if case == "frozen":
        for layer in (model[0], model[3]):
            for p in layer.parameters():
                p.requires_grad_(False)
    return model


def epoch_images_per_second(case: str, images: torch.Tensor, labels: torch.Tensor, batch: int, seed: int) -> float:
    torch.manual_seed(seed)
    model = build(case)
    # tfjs Adam's epsilon (the float32 backends' 1e-7), not PyTorch's 1e-8.
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(seed))

    def step(idx: torch.Tensor) -> float:
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(images[idx]), labels[idx])
        loss.backward()
        opt.step()
        return loss.item()  # a host read per batch, as the tfjs loop does

    # No warm-up excluded: the tfjs figures time the whole epoch, first batches included.
    began = time.perf_counter()
    for start in range(0, images.shape[0], batch):
        step(order[start : start + batch])
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
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(images, generator=gen)
    began = time.perf_counter()
    for start in range(0, images, batch):
        idx = order[start : start + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(head(features[idx]), labels[idx])
        loss.backward()
        opt.step()
        loss.item()
    return time.perf_counter() - began


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pattern", nargs="?", default=".", help="regular expression over figure names")
    ap.add_argument("--dataset", default=os.environ.get("KS_DATASET_DIR", "/usr/share/datasets/fashion-mnist"))
    ap.add_argument("--images", type=int, default=int(os.environ.get("KS_BENCH_IMAGES", "10000")))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
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
