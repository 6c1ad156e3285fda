"""Projects side by side (/<lang>/compare?ids=12,34), as a page and as CSV, and the
"Compare" toggles that other pages carry in their address (``compare=12,34``)."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Flask, Response, g, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from knowledge_platform import compare
from knowledge_platform.compare import ChoiceError
from knowledge_platform.models import Project
from knowledge_platform.views.public import bp


@bp.get("/compare")
def compare_page():
    """Two to four published projects, one column each and one row per field."""
    try:
        projects = _chosen()
    except ChoiceError as error:
        return render_template("public/compare.html", problem=str(error),
                               projects=[]), error.status
    ids = [project.id for project in projects]
    return render_template("public/compare.html", projects=projects, ids=ids,
                           lines=compare.lines(projects, g.lang),
                           id_list=compare.id_list(ids), problem=None)


@bp.get("/compare.csv")
def compare_csv():
    """The comparison as CSV: one row per field, one column per project, in the page
    language (UTF-8 with a BOM, so that Excel reads Czech letters right)."""
    try:
        projects = _chosen()
    except ChoiceError as error:
        return Response(str(error), error.status, mimetype="text/plain")
    text = compare.csv_text(projects, g.lang, address=_address)
    name = f"compare-{'-'.join(str(project.id) for project in projects)}-{g.lang}.csv"
    return Response("\ufeff" + text, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _chosen() -> list[Project]:
    return compare.published_projects(compare.parse_ids(request.args.get("ids", "")))


def _address(project: Project) -> str:
    return url_for("public.project", project_id=project.id, slug=project.slug, _external=True)


def chosen() -> tuple[int, ...]:
    """The projects the visitor has picked on this page's address (``compare=``)."""
    return compare.chosen_ids(request.args.get("compare"))


def toggle_url(project_id: int, anchor: str | None = None) -> str:
    """This page with ``project_id`` added to the picked projects, or taken out."""
    return _with_chosen(compare.toggled(chosen(), project_id), anchor)


def clear_url() -> str:
    """This page with no project picked."""
    return _with_chosen(())


def _with_chosen(ids: tuple[int, ...], anchor: str | None = None) -> str:
    """This page's address with ``ids`` picked; every other parameter (a search's words,
    filters and page) kept as it is."""
    args = MultiDict(request.args)
    args.poplist("compare")
    if ids:
        args["compare"] = compare.id_list(ids)
    query = urlencode(list(args.items(multi=True)), safe=",")
    return (f"{request.script_root}{request.path}{'?' + query if query else ''}"
            f"{'#' + anchor if anchor else ''}")


def keep_chosen(url: str) -> str:
    """``url`` carrying the picked projects along, so paging or filtering keeps them."""
    ids = chosen()
    if not ids:
        return url
    joiner = "" if url.endswith(("?", "&")) else "&" if "?" in url else "?"
    return f"{url}{joiner}compare={quote(compare.id_list(ids), safe=',')}"


def comparison_url() -> str:
    """The comparison of the picked projects."""
    return url_for("public.compare_page", ids=compare.id_list(chosen()))


def init_app(app: Flask) -> None:
    """Give templates the picked projects and the links that change them."""
    app.jinja_env.globals.update(
        compare_chosen=chosen, compare_toggle_url=toggle_url,
        compare_clear_url=clear_url, comparison_url=comparison_url,
        compare_max=compare.MAX_PROJECTS, compare_min=compare.MIN_PROJECTS)
    app.add_template_filter(keep_chosen)
