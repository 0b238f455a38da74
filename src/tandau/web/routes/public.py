"""Everyone's view of an election: the API and pages of the board, tracking, results, record.

Nothing here changes anything: every route reads the board (through the
election's read model) and checks each proof it hands out.  Observers,
candidates and the press need no account.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from tandau.board.log import Board
from tandau.board.record import record_lines
from tandau.crypto.errors import TandauError
from tandau.i18n import gettext

from ..access import PUBLIC_ROUTE
from ..board_views import (
    MAX_PAGE,
    board_page,
    consistency,
    current_head,
    heads_page,
    summary,
    track,
)
from ..charts import Bar, Segment, bar_chart, stacked_chart
from ..errors import WebError
from ..public_schemas import (
    BoardPageOut,
    ConsistencyOut,
    ElectionId,
    ElectionOut,
    ElectionSummaryOut,
    HeadsPageOut,
    ResultsOut,
    TrackingCode,
    TrackOut,
)
from ..results_view import OUTCOMES, Results, results_of
from ..templating import render
from ..verify_view import walkthrough
from ..views import ElectionIndex, normalize_tracking_code
from ..voter_errors import BadTrackingCode, ResultsNotPublished, TrackingCodeNotFound
from .deps import Lang, download
from .election_deps import Views, election_page

__all__ = ["router"]

router = APIRouter(dependencies=[PUBLIC_ROUTE])  # every route here is public

F = TypeVar("F", bound=Callable[..., Any])
_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"description": "The board's proofs do not hold for these sizes"}
}

Start = Annotated[int, Query(ge=0, le=2**53, description="first seq (or tree size) shown")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="how many at most")]


def _read(
    path: str, summary: str, model: Any, *, voter: bool = False, **more: Any
) -> Callable[[F], F]:
    """A public JSON read: its summary and response model; voters' reads are tagged so."""
    tags: list[str | Enum] = ["public", "voter"] if voter else ["public"]
    return router.get(path, tags=tags, summary=summary, response_model=model, **more)


def _board(election: ElectionId, views: Views) -> Board:
    """The board of the election in the path; unknown elections stop here (PageNotFound)."""
    views.index(election)
    return views.board(election)


#: The board of the election in the path, for the paged reads.
ElectionBoard = Annotated[Board, Depends(_board)]


def _summary(index: ElectionIndex) -> dict[str, Any]:
    m = index.require_manifest()
    return {
        "id": index.election,
        "title": dict(m.title),
        "mode": m.mode,
        "pilot": index.pilot,
        "state": index.stage,
        "polling_day": m.polling_day,
    }


# -- API -----------------------------------------------------------------------


@_read("/api/elections", "The elections on this server", list[ElectionSummaryOut])
def list_elections(views: Views) -> list[ElectionSummaryOut]:
    return [ElectionSummaryOut(**_summary(index)) for index in views.all()]


@_read(
    "/api/elections/{election}",
    "An election: manifest, fingerprint, joint key, state",
    ElectionOut,
    voter=True,
)
def get_election(election: ElectionId, views: Views) -> ElectionOut:
    index = views.index(election)
    m = index.require_manifest()
    return ElectionOut(
        **_summary(index),
        manifest=m.to_dict(),
        fingerprint=index.fingerprint_hex,
        joint_key=index.key_hex,
        remote=index.remote,
        credentials=len(index.credentials),
        ballots=index.ballots,
        voted=index.voted,
        board_size=index.size,
    )


def _tracked(views: Views, election: str, code: str) -> dict[str, Any]:
    normal = normalize_tracking_code(code)
    if normal is None:
        raise BadTrackingCode()
    index = views.index(election)
    found = track(views.board(election), index, normal)
    if found is None:
        raise TrackingCodeNotFound()
    return found.to_dict()


@_read(
    "/api/elections/{election}/track/{code}",
    "Find a ballot by its tracking code, with its inclusion proof to the signed head",
    TrackOut,
    voter=True,
)
def track_ballot(election: ElectionId, code: TrackingCode, views: Views) -> TrackOut:
    return TrackOut(**_tracked(views, election, code))


@_read("/api/elections/{election}/board", "Board entries, a page at a time", BoardPageOut)
def get_board(board: ElectionBoard, start: Start = 0, limit: Limit = 50) -> BoardPageOut:
    return BoardPageOut(**board_page(board, start, limit))


@_read(
    "/api/elections/{election}/heads",
    "Signed tree heads with tree size at least start, and the latest",
    HeadsPageOut,
)
def get_heads(board: ElectionBoard, start: Start = 0, limit: Limit = 50) -> HeadsPageOut:
    return HeadsPageOut(**heads_page(board, start, limit))


@_read(
    "/api/elections/{election}/consistency",
    "Proof that the board at `first` entries is a prefix of the board at `second`",
    ConsistencyOut,
    responses=_REFUSED,
)
def get_consistency(
    election: ElectionId,
    views: Views,
    first: Annotated[int, Query(ge=0, le=2**53)],
    second: Annotated[int, Query(ge=0, le=2**53)],
) -> ConsistencyOut:
    index = views.index(election)
    return ConsistencyOut(**consistency(views.board(election), index, first, second))


@_read(
    "/api/elections/{election}/results",
    "Published results: per option (e-votes, paper, total), per precinct, outcome",
    ResultsOut,
)
def get_results(election: ElectionId, views: Views) -> ResultsOut:
    return ResultsOut(**results_of(views.index(election)).to_dict())


# -- downloads -------------------------------------------------------------------


@router.get("/e/{election}/record", include_in_schema=False)
def download_record(election: str, views: Views) -> StreamingResponse:
    """The election record (record spec §R1), streamed from the board as it is read."""
    index = views.index(election)
    board = views.board(election)
    lines = record_lines(board, index.require_manifest())
    first = next(lines)  # errors before the first byte become a proper error response
    name = f"{election}.record.jsonl".replace('"', "")

    def rest() -> Any:
        yield first
        yield from lines

    return StreamingResponse(
        rest(),
        media_type="application/jsonl",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/e/{election}/results.csv", include_in_schema=False)
def download_results_csv(election: str, views: Views, lang: Lang) -> Response:
    results = results_of(views.index(election))
    return download(
        results.csv_text(lang), "text/csv; charset=utf-8", f"{election}.results.{lang}.csv"
    )


# -- pages -----------------------------------------------------------------------


@router.get("/e/{election}", response_class=HTMLResponse, include_in_schema=False)
def election_overview(election: str, request: Request, views: Views) -> HTMLResponse:
    return election_page(request, "public/election.html", views.index(election))


@router.get("/e/{election}/track", response_class=HTMLResponse, include_in_schema=False)
def track_page(
    election: str,
    request: Request,
    views: Views,
    code: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    index = views.index(election)
    found: dict[str, Any] | None = None
    problem: WebError | None = None
    status = 200
    if code.strip():
        try:
            found = _tracked(views, election, code)
        except (BadTrackingCode, TrackingCodeNotFound) as exc:
            problem = exc
            status = 400 if isinstance(exc, BadTrackingCode) else 404
    return election_page(
        request,
        "public/track.html",
        index,
        status_code=status,
        code=code.strip(),
        found=found,
        problem=None if problem is None else problem.localized[request.state.lang],
    )


@router.get("/e/{election}/board", response_class=HTMLResponse, include_in_schema=False)
def board_browser(
    election: str,
    request: Request,
    views: Views,
    start: Start = 0,
    limit: Limit = 25,
    first: Annotated[int | None, Query(ge=0, le=2**53)] = None,
    second: Annotated[int | None, Query(ge=0, le=2**53)] = None,
    heads_start: Annotated[int, Query(ge=0, le=2**53)] = 0,
) -> HTMLResponse:
    index = views.index(election)
    board = views.board(election)
    page = board_page(board, start, limit)
    for entry in page["entries"]:
        entry["summary"] = summary(entry)
    heads = heads_page(board, heads_start, 20)
    check: dict[str, Any] | None = None
    check_error = False
    if first is not None and second is not None:
        try:
            check = consistency(board, index, first, second)
        except TandauError:
            check_error = True
    latest = current_head(board)
    return election_page(
        request,
        "public/board.html",
        index,
        page=page,
        heads=heads,
        latest=None if latest is None else latest.to_dict(),
        check=check,
        check_error=check_error,
        first=first,
        second=second,
        last_start=max(0, ((page["size"] - 1) // limit) * limit),
    )


def _charts(results: Results, lang: str, t: Any) -> dict[str, Any]:
    def fmt(n: float) -> str:
        return f"{n:,.0f}".replace(",", "\u202f")

    votes = bar_chart(
        "chart-votes",
        t("Votes per option"),
        [
            Bar(
                o.name.get(lang, o.id),
                o.total,
                f"{fmt(o.total)} ({o.share:.1f} %)",
                "bar against" if o.kind == "against_all" else "bar",
            )
            for o in results.options
        ],
    )
    e_vs_paper = stacked_chart(
        "chart-e-paper",
        t("Electronic and paper votes"),
        [
            (
                o.name.get(lang, o.id),
                [Segment(o.e_votes, "bar-e"), Segment(o.paper_votes, "bar-paper")],
                fmt(o.total),
            )
            for o in results.options
        ],
        [("bar-e", t("Electronic")), ("bar-paper", t("Paper"))],
    )
    with_turnout = [p for p in results.precincts if p.turnout is not None]
    if with_turnout:
        turnout = bar_chart(
            "chart-turnout",
            t("Turnout by precinct (paper ballots, per cent of the voter list)"),
            [Bar(p.precinct, p.turnout or 0.0, f"{p.turnout:.1f} %") for p in with_turnout],
        )
    elif results.precincts:
        turnout = bar_chart(
            "chart-turnout",
            t("Paper ballots cast by precinct"),
            [Bar(p.precinct, p.ballots_cast, fmt(p.ballots_cast)) for p in results.precincts],
        )
    else:
        turnout = None
    return {"votes": votes, "e_vs_paper": e_vs_paper, "turnout": turnout}


@router.get("/e/{election}/results", response_class=HTMLResponse, include_in_schema=False)
def results_page(election: str, request: Request, views: Views, lang: Lang) -> HTMLResponse:
    index = views.index(election)
    try:
        results = results_of(index)
    except ResultsNotPublished:
        return election_page(request, "public/results.html", index, results=None, charts=None)

    def t(msgid: str) -> str:
        return gettext(lang, msgid)

    winner = results.winner
    status = str(results.outcome.get("status", ""))
    return election_page(
        request,
        "public/results.html",
        index,
        results=results,
        charts=_charts(results, lang, t),
        winner=None if winner is None else winner.name.get(lang, winner.id),
        outcome_status=status,
        outcome_text=t(OUTCOMES[status].msgid) if status in OUTCOMES else status,
    )


@router.get("/verify", response_class=HTMLResponse, include_in_schema=False)
def verify_page(request: Request, views: Views) -> HTMLResponse:
    """Plain-language instructions for checking an election with ``tandau-verify``."""
    demo = bool(request.app.state.settings.demo)
    example = walkthrough(request.app.state, views, demo)
    base = str(request.base_url).rstrip("/")
    return render(request, "public/verify.html", elections=views.all(), example=example, base=base)
