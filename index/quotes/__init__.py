"""Quotations: who said what in each article, and the same statement across sources.

Pipeline: `extract_quotes` per article (speaker canonical within the article),
then `canonicalize_speakers` over the whole corpus, then `cluster_quotes` to link
one statement carried by several sources (`apply_clusters` writes the links back).

`article.text[q.start:q.end]` is a quotation's text without its marks (a quotation
run over several paragraphs spans them all); kind `scare` marks scare quotes,
titles and labels, which listings leave out by default.
"""

from index.quotes.clusters import apply_clusters, cluster_quotes
from index.quotes.extract import extract_quotes
from index.quotes.speakers import canonical_speaker, canonicalize_speakers, summarize_speakers

__all__ = [
    "apply_clusters",
    "canonical_speaker",
    "canonicalize_speakers",
    "cluster_quotes",
    "extract_quotes",
    "summarize_speakers",
]
