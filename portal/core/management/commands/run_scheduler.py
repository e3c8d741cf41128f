from django.core.management.base import BaseCommand

from portal.core.scheduler import default_jobs, run_due_jobs, run_forever


class Command(BaseCommand):
    help = "Run the periodic jobs (scheduled publishing, feeds, reminders) in a loop; --once runs them once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool = False, **options):
        jobs = default_jobs()
        if once:
            for name in run_due_jobs(jobs, now=0.0):
                self.stdout.write(f"ran {name}")
            return
        self.stdout.write(f"Scheduler running {len(jobs)} jobs: {', '.join(job.name for job in jobs)}")
        run_forever(jobs)
