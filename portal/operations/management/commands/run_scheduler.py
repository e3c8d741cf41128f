from django.core.management.base import BaseCommand

from portal.operations.scheduler import default_jobs, run_ticks
from portal.operations.task_queue import run_ready_tasks, start_worker_thread, uses_database_backend


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (scheduled publishing, feeds, reminders) in a loop, and the background tasks "
        "(archive exports) beside them; --once runs the jobs due now and the tasks ready now once, --ticks N "
        "does so N times. Any number of schedulers may run on one database: each due run of a job is made once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs due now once and stop.")
        parser.add_argument("--ticks", type=int, help="Look for due jobs this many times, then stop.")
        parser.add_argument("--tick-seconds", type=float, default=5.0, help="Seconds between two looks (5).")

    def handle(self, *args, once: bool = False, ticks: int | None = None, tick_seconds: float = 5.0, **options):
        jobs = default_jobs()
        if once or ticks:

            def each_tick(ran: list[str]) -> None:
                for name in ran:
                    self.stdout.write(f"ran {name}")
                if uses_database_backend():
                    self.stdout.write(f"ran {run_ready_tasks()} background tasks")

            run_ticks(jobs, ticks=1 if once else ticks, tick_seconds=tick_seconds, each_tick=each_tick)
            return
        worker = start_worker_thread()
        self.stdout.write(f"Scheduler running {len(jobs)} jobs: {', '.join(job.name for job in jobs)}")
        if worker is not None:
            self.stdout.write("Background tasks run beside them.")
        run_ticks(jobs, tick_seconds=tick_seconds)
