"""Background work for cases: chaining the access log's entries that no web process has chained yet."""

from django_tasks import task

from victimcare.cases import audit_chain


@task()
def seal_access_log() -> int:
    """Chain every access-log entry not chained yet (each process seals at most once a second, so the entries of
    a process's last second before a quiet spell wait for this). Returns how many were chained."""
    return audit_chain.seal()
