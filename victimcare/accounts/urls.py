from django.urls import path

from victimcare.accounts import views, views_two_factor

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-in/code/", views_two_factor.verify, name="two-factor"),
    path("sign-in/set-up/", views_two_factor.set_up, name="two-factor-set-up"),
    path("account/", views_two_factor.account, name="account"),
    path("account/recovery-codes/", views_two_factor.recovery_codes, name="recovery-codes"),
    path("account/recovery-codes/new/", views_two_factor.new_recovery_codes, name="new-recovery-codes"),
    path("account/sign-out-everywhere/", views_two_factor.sign_out_everywhere, name="sign-out-everywhere"),
    path("account/users/", views_two_factor.users, name="users"),
    path("account/users/<str:username>/reset-two-factor/", views_two_factor.reset, name="reset-two-factor"),
]
