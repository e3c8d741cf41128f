from django.core.management.base import BaseCommand

from portal.operations.scheduler import default_jobs, run_due_jobs, run_forever
from portal.operations.task_queue import run_ready_tasks, start_worker_thread, uses_database_backend


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (scheduled publishing, feeds, reminders) in a loop, and the background tasks "
        "(archive exports) beside them; --once runs the jobs and the tasks ready now once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool = False, **options):
        jobs = default_jobs()
        if once:
            for name in run_due_jobs(jobs, now=0.0):
                self.stdout.write(f"ran {name}")
            if uses_database_backend():
                self.stdout.write(f"ran {run_ready_tasks()} background tasks")
            return
        worker = start_worker_thread()
        self.stdout.write(f"Scheduler running {len(jobs)} jobs: {', '.join(job.name for job in jobs)}")
        if worker is not None:
            self.stdout.write("Background tasks run beside them.")
        run_forever(jobs)
