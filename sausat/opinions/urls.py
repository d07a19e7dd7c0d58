app_name = "opinions"

urlpatterns: list = []
