from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "ketnap.membership"
    label = "membership"

    def ready(self) -> None:
        from ketnap.membership import grants, queue_source
        from ketnap.membership.actions import membership_actions
        from ketnap.people import actions

        grants.install()
        queue_source.install()
        actions.register(membership_actions)
        from ketnap.membership import checks  # noqa: F401  (registers the settings check)
