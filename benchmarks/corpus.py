"""The generated Markdown corpus every generator builds in bench_peers.py.

Page n is the same text whatever the corpus size, so the 10-, 1,000- and 5,000-page corpora
differ only in how many pages they hold. The text is Markdown that every peer reads alike
(ATX headings, lists, links, emphasis, an indented code block), with YAML front matter and no
template syntax: sitegen renders bodies as Jinja and Eleventy as Liquid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

TOPICS = (
    "backup dei server",
    "posta elettronica aziendale",
    "reti e firewall",
    "stampanti di ufficio",
    "aggiornamenti di sistema",
    "antivirus e sicurezza",
    "accesso remoto",
    "gestione delle password",
    "archiviazione in cloud",
    "telefonia VoIP",
)
WORDS = (
    "assistenza",
    "cliente",
    "tecnico",
    "richiesta",
    "server",
    "rete",
    "computer",
    "ufficio",
    "dati",
    "copia",
    "sicurezza",
    "utente",
    "accesso",
    "sistema",
    "configurazione",
    "controllo",
    "guasto",
    "intervento",
    "orario",
    "risposta",
    "piano",
    "servizio",
    "contratto",
    "aggiornamento",
    "licenza",
    "disco",
    "memoria",
    "stampante",
    "posta",
    "archivio",
    "firewall",
    "password",
    "verifica",
    "problema",
    "soluzione",
    "tempo",
    "priorità",
    "urgenza",
    "supporto",
    "manutenzione",
    "azienda",
    "documento",
    "procedura",
    "attività",
    "segnalazione",
    "ripristino",
    "installazione",
    "monitoraggio",
)
CODE = (
    "    def esito(richiesta):",
    "        if richiesta.urgente:",
    '            return "priorità alta"',
    '        return "coda ordinaria"',
)


@dataclass(frozen=True)
class Page:
    """One generated page: its file name and its whole Markdown text, front matter included."""

    name: str
    text: str


def slug(number: int) -> str:
    """The file stem and URL segment of page number: lowercase letters, digits and hyphens."""
    return f"pagina-{number:04d}"


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, inline: str = "") -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 5))]
    if inline:
        sentences.insert(1, inline)
    return " ".join(sentences)


def _body(number: int, topic: str, rng: random.Random) -> str:
    previous = f"/{slug(number - 1)}/" if number > 1 else "/"
    items = [f"- {_sentence(rng)}" for _ in range(4)]
    steps = [f"{step}. {_sentence(rng)}" for step in range(1, 4)]
    blocks = [
        _paragraph(rng, f"Questa pagina parla di *{topic}* e di **{rng.choice(WORDS)}**."),
        f"## Come lavoriamo sul tema {number}",
        _paragraph(rng, f"Torna alla [pagina precedente]({previous}) o alla [home](/)."),
        "\n".join(items),
        _paragraph(rng),
        "## Un esempio",
        _paragraph(rng, "Il codice qui sotto mostra la *regola* in `Python`."),
        "\n".join(CODE),
        "### Passi",
        "\n".join(steps),
        _paragraph(rng),
    ]
    return "\n\n".join(blocks) + "\n"


def page(number: int) -> Page:
    """Page number (from 1): unique title and description, same text in every corpus size."""
    rng = random.Random(number)
    topic = TOPICS[number % len(TOPICS)]
    front = (
        f"---\ntitle: Pagina {number:04d} su {topic}\n"
        f"description: Appunti numero {number} di Mister Informatica su {topic}\n---\n"
    )
    return Page(f"{slug(number)}.md", front + _body(number, topic, rng))


def pages(count: int) -> list[Page]:
    """The corpus of count pages."""
    return [page(number) for number in range(1, count + 1)]


def write(corpus: list[Page], folder: Path) -> None:
    """Write the pages as Markdown files into folder, creating it."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in corpus:
        (folder / item.name).write_text(item.text, encoding="utf-8")
