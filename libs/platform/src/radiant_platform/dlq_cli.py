"""`radiant dlq list|show|replay --topic usage-events.dlq [--since …] [--reason …] [--tenant …] [--limit N]`

    radiant dlq list   --topic usage-events.dlq --since 2h --reason input_tokens
    radiant dlq show   --topic usage-events.dlq 2:1041
    radiant dlq replay --topic usage-events.dlq --reason "handler error" --yes

`list` prints one line per dead-lettered record (where it is, when it was first refused, the tenant,
the event type and why); `show` prints one record whole as JSON (DLQ headers, original headers, key,
value); `replay` sends the chosen records back to their source topic with their original bytes, after
a confirmation (`--yes` skips it), with a progress bar and a summary line. The consumer's dedup makes
a replay safe to repeat; a record still invalid is dead-lettered again with its reason.

Logs in as the `dlq-operator` Kafka principal (DLQ_OPERATOR_KAFKA_USERNAME / _PASSWORD; it may read the
DLQs and write their source topics, nothing else; `radiant_platform.provisioning`), or as another one
with `--principal` (e.g. `--principal metering`, whose rights the broker then applies). The cluster is
KAFKA_BOOTSTRAP_SERVERS and KAFKA_SECURITY_PROTOCOL, from the environment or the local stack's
`.local/stack.env`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
from datetime import UTC, datetime, timedelta

from aiokafka.errors import KafkaError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import dlq
from .cli import load_local_stack_env
from .kafka_security import KafkaSecurity, KafkaSecurityError, kafka_security_from_env

#: What `list` prints without `--limit`, and the most it holds; `replay` has no default limit.
DEFAULT_LIST_LIMIT = 100
MAX_LIST_LIMIT = 10_000
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`30m`, `2h`, `7d` (that long ago) or an ISO 8601 time (a time without zone is UTC)."""
    found = _DURATION.match(text.strip())
    if found:
        return (now or datetime.now(UTC)) - timedelta(**{_UNITS[found[2]]: int(found[1])})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither a duration (30m, 2h, 7d) nor an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _limit(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIST_LIMIT:
        raise argparse.ArgumentTypeError(f"--limit is a whole number from 1 to {MAX_LIST_LIMIT}")
    return int(text)


def _record_id(text: str) -> dlq.RecordId:
    try:
        return dlq.RecordId.parse(text)
    except dlq.DlqError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _topic(text: str) -> str:
    try:
        return dlq.require_dlq_topic(text)
    except dlq.DlqError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="radiant dlq", description="Inspect and replay dead-lettered records")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--topic", required=True, type=_topic, help="the DLQ topic, e.g. usage-events.dlq")
    common.add_argument(
        "--principal",
        default=dlq.DLQ_OPERATOR,
        help="the Kafka principal to log in as (its <NAME>_KAFKA_USERNAME/_PASSWORD); default dlq-operator",
    )
    selecting = argparse.ArgumentParser(add_help=False)
    selecting.add_argument("--since", type=parse_since, help="dead-lettered since: 30m, 2h, 7d or an ISO time")
    selecting.add_argument("--reason", help="a part of the reason (case-insensitive)")
    selecting.add_argument("--tenant", help="only this tenant's records")
    selecting.add_argument("--id", dest="ids", type=_record_id, action="append", default=[], help="PARTITION:OFFSET")
    listing = commands.add_parser("list", parents=[common, selecting], help="one line per record")
    listing.add_argument("--limit", type=_limit, default=DEFAULT_LIST_LIMIT, help="at most this many (default 100)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    show = commands.add_parser("show", parents=[common], help="one record, whole, as JSON")
    show.add_argument("id", type=_record_id, help="PARTITION:OFFSET, as list prints it")
    again = commands.add_parser("replay", parents=[common, selecting], help="send records back to their topic")
    again.add_argument("--limit", type=_limit, help="at most this many (default: every record chosen)")
    again.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


def _security(principal: str) -> KafkaSecurity:
    return kafka_security_from_env(principal, default_username=principal)


def _selection(args: argparse.Namespace) -> dlq.Selection:
    return dlq.Selection(since=args.since, reason=args.reason, tenant=args.tenant, ids=frozenset(args.ids))


def _print_list(console: Console, letters: list[dlq.DeadLetter], as_json: bool) -> None:
    if as_json:
        for letter in letters:
            summary = {
                "id": str(letter.id),
                "deadLetteredAt": letter.dead_lettered_at.isoformat(),
                "tenant": letter.tenant,
                "type": letter.event_type,
                "eventId": letter.event_id,
                "reason": letter.reason,
            }
            console.print_json(json.dumps(summary), indent=None)
        return
    table = Table(show_lines=False)
    for column in ("id", "dead-lettered at (UTC)", "tenant", "type", "reason"):
        table.add_column(column, overflow="fold")
    for letter in letters:
        at = letter.dead_lettered_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(str(letter.id), at, letter.tenant or "-", letter.event_type or "-", letter.reason)
    console.print(table)
    console.print(f"{len(letters)} record(s)", highlight=False)


async def _list(bootstrap: str, args: argparse.Namespace, console: Console) -> int:
    async with dlq.DlqReader(bootstrap, _security(args.principal), args.topic) as reader:
        letters = await dlq.collect(reader.scan(_selection(args)), args.limit)
    _print_list(console, letters, args.json)
    return 0


async def _show(bootstrap: str, args: argparse.Namespace, console: Console) -> int:
    async with dlq.DlqReader(bootstrap, _security(args.principal), args.topic) as reader:
        letter = await reader.find(args.id)
    console.print_json(json.dumps(letter.as_json()))
    return 0


async def _count(reader: dlq.DlqReader, selection: dlq.Selection, limit: int | None) -> int:
    return sum([1 async for _ in dlq.limited(reader.scan(selection), limit)])


async def _replay(bootstrap: str, args: argparse.Namespace, console: Console) -> int:
    security, selection = _security(args.principal), _selection(args)
    async with dlq.DlqReader(bootstrap, security, args.topic) as reader:
        # A first pass counts (nothing held), for the confirmation and the progress bar's total.
        total = await _count(reader, selection, args.limit)
        if total == 0:
            console.print(f"no record of {args.topic} matches; nothing replayed", highlight=False)
            return 0
        if not args.yes and not _confirmed(console, f"Replay {total} record(s) of {args.topic} to their topic?"):
            console.print("nothing replayed", highlight=False)
            return 1
        producer = dlq.replay_producer(bootstrap, security)
        await producer.start()
        try:
            with Progress(
                TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
            ) as progress:
                task = progress.add_task("replay", total=total)
                summary = await dlq.replay(
                    producer,
                    args.topic,
                    dlq.limited(reader.scan(selection), total),
                    progress=lambda n: progress.advance(task, n),
                )
        finally:
            await producer.stop()
    for record_id, why in summary.skipped:
        console.print(f"skipped {record_id}: {why}", highlight=False)
    console.print(summary.line(args.topic), highlight=False)
    return 0


def _confirmed(console: Console, question: str) -> bool:
    if not sys.stdin.isatty():
        console.print(f"{question} Not asked: stdin is not a terminal; pass --yes", highlight=False)
        return False
    return console.input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}


COMMANDS = {"list": _list, "show": _show, "replay": _replay}


def dlq_main(argv: list[str]) -> int:
    """The `radiant dlq` subcommand (entry point `radiant.commands: dlq`)."""
    args = _parser().parse_args(argv)
    load_local_stack_env()
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if not bootstrap:
        raise SystemExit("radiant dlq: KAFKA_BOOTSTRAP_SERVERS is not set (nor in the local stack's stack.env)")
    # Piped into a file or another tool, lines are not wrapped at 80 columns.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    try:
        return asyncio.run(COMMANDS[args.command](bootstrap, args, console))
    except (dlq.DlqError, KafkaSecurityError) as exc:
        raise SystemExit(f"radiant dlq: {exc}") from None
    except KafkaError as exc:  # refused login or ACL, cluster unreachable: one line, not a traceback
        raise SystemExit(f"radiant dlq: Kafka: {exc!r}") from None


if __name__ == "__main__":  # `python -m radiant_platform.dlq_cli list …`, without the `radiant` command
    sys.exit(dlq_main(sys.argv[1:]))
