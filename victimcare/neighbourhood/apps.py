from django.apps import AppConfig


class NeighbourhoodConfig(AppConfig):
    name = "victimcare.neighbourhood"
    verbose_name = "Neighbourhood teams"

    def ready(self) -> None:
        from victimcare.cases.signals import report_recorded
        from victimcare.cases.timeline import register_describers
        from victimcare.neighbourhood.receivers import tell_the_neighbourhood_team
        from victimcare.neighbourhood.timeline import DESCRIBERS

        register_describers(DESCRIBERS)
        report_recorded.connect(tell_the_neighbourhood_team, dispatch_uid="neighbourhood.tell_team")
