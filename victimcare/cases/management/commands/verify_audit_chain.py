"""Check the whole access log chain: every entry's hash, every link, no sequence number missing or repeated.

Streams the entries in sequence order (a server-side cursor on PostgreSQL), so memory stays flat at tens of
millions of entries. Entries not chained yet (written in the last moment, or left by a process that died
before chaining them) are chained first. Exits non-zero, naming the first broken entry, if the chain is broken."""

from django.core.management.base import BaseCommand, CommandError

from victimcare.cases import audit_chain
from victimcare.cases.models import CaseAccessLog


class Command(BaseCommand):
    help = "Verify the access log's hash chain from its first entry; exit non-zero naming the first broken entry."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000, help="Entries fetched per round trip.")
        parser.add_argument("--anchor", metavar="SEQUENCE:HASH",
                            help="A head published earlier (audit_chain_head): the chain must still hold it.")

    def handle(self, *args, **options) -> None:
        anchor = self._anchor(options["anchor"]) if options["anchor"] else None
        chained_now = audit_chain.seal()
        result = audit_chain.verify(audit_chain.chained_entries(chunk_size=options["chunk_size"]), anchor=anchor)
        unchained = CaseAccessLog.objects.filter(sequence__isnull=True).count()
        if result.problem:
            raise CommandError(
                f"The access log chain is broken after {result.checked} good entries. "
                f"First broken: {result.problem}."
            )
        if anchor and not result.anchor_seen:
            raise CommandError(f"The access log chain ends at {result.checked} entries, before the anchor's entry "
                               f"{anchor[0]}: entries at its end are missing.")
        sequence, digest = result.head or (0, audit_chain.GENESIS)
        self.stdout.write(
            f"The access log chain is intact: {result.checked} entries, 1 to {sequence}; head hash {digest}."
            + (f" {chained_now} entries were chained just now." if chained_now else "")
            + (f" {unchained} entries written during the check are not chained yet." if unchained else "")
        )

    @staticmethod
    def _anchor(value: str) -> tuple[int, str]:
        sequence, _, digest = value.partition(":")
        if not sequence.isdigit() or len(digest) != 64:
            raise CommandError("--anchor must be SEQUENCE:HASH, as audit_chain_head prints them (e.g. 42:9f86d0...).")
        return int(sequence), digest.lower()
