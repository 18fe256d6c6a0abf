"""Work done by the task worker (`manage.py db_worker`), never in a request.

Each task takes primary keys (JSON) and reads the rows afresh, so a task that runs after its
row was deleted or changed does nothing harmful.
"""

from django_tasks import task

from . import emails


@task()
def send_email(email_id):
    """Send registrations.Email `email_id` if it is still queued and due (see
    emails.deliver); returns its status afterwards (str), or None if there is no such row."""
    return emails.deliver(email_id)


@task()
def event_changed(event_id):
    """The webinar was saved: if its start, end or status changed (a higher SEQUENCE than
    its registrants have), tell them and move their reminders (see emails.notify_change)."""
    return emails.notify_change(event_id)
