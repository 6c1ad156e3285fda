"""Where a description came from: "Zdroj:" lines, a page's canonical link, a URL column."""
from __future__ import annotations

from importers.extract import extract
from importers.readers import read_bytes

PAGE = b"""<!doctype html><html lang="cs"><head><meta charset="utf-8">
<link rel="canonical" href="https://www.example.cz/projekty/cestina-pro-deti">
<title>Cestina pro deti</title></head><body><main>
<h1>Cestina pro deti cizincu</h1>
<p>Projekt realizuje Zakladni skola Plzen v letech 2019-2020.</p>
</main><footer>Zdroj: https://www.footer.example/</footer></body></html>"""


def _record(name: str, data: bytes) -> dict:
    return extract(next(read_bytes(data, name)))


def test_zdroj_line_gives_the_url_without_trailing_punctuation():
    text = "Kurzy češtiny v Brně.\n\nRealizátor: Diecézní charita Brno\n\n" \
           "Zdroj: https://www.dchb.cz/projekty/kurzy-cestiny/."
    record = _record("kurzy.txt", text.encode())
    assert record["source_url"] == "https://www.dchb.cz/projekty/kurzy-cestiny/"
    assert record["evidence"]["source_url"].startswith("Zdroj:")


def test_canonical_link_of_a_web_page_when_no_source_line():
    record = _record("page.html", PAGE)
    assert record["source_url"] == "https://www.example.cz/projekty/cestina-pro-deti"


def test_source_line_in_main_content_wins_over_canonical_link():
    page = PAGE.replace(b"</main>", b"<p>Source: https://www.simi.cz/en/project</p></main>")
    assert _record("page.html", page)["source_url"] == "https://www.simi.cz/en/project"


def test_url_column_of_a_bulk_file():
    rows = "Název projektu;Realizátor;URL\nCentrum pro cizince;Kraj Vysočina;" \
           "https://www.kr-vysocina.cz/cizinci\n"
    record = _record("list.csv", rows.encode("utf-8"))
    assert record["source_url"] == "https://www.kr-vysocina.cz/cizinci"


def test_source_without_an_address_is_no_url_and_funding_source_stays_a_funder():
    text = "Tlumočení pro rodiny\n\nRealizátor: Charita Ostrava\n\nSource: a leaflet\n\n" \
           "Zdroj financování: Azylový, migrační a integrační fond\n"
    record = _record("leaflet.txt", text.encode())
    assert record["source_url"] is None
    assert record["funders"] == ["AMIF"]
