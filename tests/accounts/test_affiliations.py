import pytest
from django.urls import reverse

from copportal.accounts.models import Affiliation, User

from ..factories import AffiliationFactory

QUEUE = reverse("accounts:affiliation_queue")


@pytest.mark.django_db
class TestQueueAccess:
    def test_anonymous_is_sent_to_login(self, client_for):
        response = client_for(None).get(QUEUE)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("who", ["outsider", "delegate", "chair"])
    def test_others_are_refused(self, client_for, request, who):
        response = client_for(request.getfixturevalue(who)).get(QUEUE)
        assert response.status_code == 403

    def test_secretariat_sees_pending_requests(
        self, client_for, secretariat, outsider, organization
    ):
        AffiliationFactory(user=outsider, organization=organization, status="pending")
        response = client_for(secretariat).get(QUEUE)
        assert response.status_code == 200
        assert outsider.email in response.content.decode()

    @pytest.mark.parametrize("who", [None, "outsider", "delegate", "chair"])
    def test_only_secretariat_can_decide(self, client_for, request, who, outsider, organization):
        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        user = request.getfixturevalue(who) if who else None
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "approve"])
        response = client_for(user).post(url)
        assert response.status_code in (302, 403)
        if user is None:
            assert response["Location"].startswith(reverse("account_login"))
        affiliation.refresh_from_db()
        assert affiliation.status == Affiliation.Status.PENDING


@pytest.mark.django_db
class TestDecisions:
    def test_approval_makes_a_delegate(self, client_for, secretariat, outsider, organization):
        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        assert not outsider.is_delegate
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "approve"])
        client_for(secretariat).post(url)
        affiliation.refresh_from_db()
        assert affiliation.status == Affiliation.Status.APPROVED
        assert affiliation.decided_by == secretariat
        assert affiliation.decided_at is not None
        assert User.objects.get(pk=outsider.pk).is_delegate

    def test_refusal_needs_a_reason(self, client_for, secretariat, outsider, organization):
        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "refuse"])
        response = client_for(secretariat).post(url, {"reason": ""}, follow=True)
        assert "Say why" in response.content.decode()
        affiliation.refresh_from_db()
        assert affiliation.status == Affiliation.Status.PENDING

    def test_refusal_reason_is_shown_to_the_person(
        self, client_for, secretariat, outsider, organization
    ):
        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "refuse"])
        client_for(secretariat).post(url, {"reason": "Please use your official address."})
        page = client_for(outsider).get(reverse("accounts:me")).content.decode()
        assert "Refused" in page
        assert "Please use your official address." in page

    def test_a_decided_request_cannot_be_decided_again(
        self, client_for, secretariat, outsider, organization
    ):
        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        client = client_for(secretariat)
        client.post(reverse("accounts:affiliation_decide", args=[affiliation.pk, "approve"]))
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "refuse"])
        response = client.post(url, {"reason": "Too late"}, follow=True)
        assert "already been decided" in response.content.decode()
        affiliation.refresh_from_db()
        assert affiliation.status == Affiliation.Status.APPROVED


@pytest.mark.django_db
class TestRequests:
    def test_anonymous_cannot_request(self, client_for, organization):
        url = reverse("accounts:affiliation_request")
        response = client_for(None).post(url, {"organization": organization.pk})
        assert response.status_code == 302
        assert not Affiliation.objects.exists()

    def test_a_user_asks_for_an_affiliation(self, client_for, outsider, organization):
        response = client_for(outsider).post(
            reverse("accounts:affiliation_request"),
            {"organization": organization.pk, "role_title": "Counsellor"},
            follow=True,
        )
        assert "Your request is sent" in response.content.decode()
        affiliation = Affiliation.objects.get(user=outsider)
        assert affiliation.status == Affiliation.Status.PENDING

    def test_a_second_open_request_for_the_same_organization_is_refused(
        self, client_for, outsider, organization
    ):
        client = client_for(outsider)
        url = reverse("accounts:affiliation_request")
        client.post(url, {"organization": organization.pk})
        response = client.post(url, {"organization": organization.pk})
        assert response.status_code == 200
        assert "already have a request" in response.content.decode()
        assert Affiliation.objects.filter(user=outsider).count() == 1

    @pytest.mark.parametrize("proposed", ["", "   "])
    def test_an_empty_request_says_in_words_what_is_missing(self, client_for, outsider, proposed):
        response = client_for(outsider).post(
            reverse("accounts:affiliation_request"),
            {"organization": "", "proposed_name": proposed, "proposed_kind": ""},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Choose your organization from the list" in page
        assert "affiliation_names_an_organization" not in page
        assert "Constraint" not in page
        assert not Affiliation.objects.exists()

    def test_me_page_needs_login(self, client_for):
        response = client_for(None).get(reverse("accounts:me"))
        assert response.status_code == 302

    def test_me_page_shows_roles(self, client_for, delegate):
        page = client_for(delegate).get(reverse("accounts:me")).content.decode()
        assert "Delegate of Philippines" in page


@pytest.mark.django_db(transaction=True)
class TestDecisionMail:
    def test_approval_mails_the_person_once(self, secretariat, outsider, organization):
        from django.core import mail

        from copportal.accounts import services

        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        services.affiliation_approve(affiliation_id=affiliation.pk, by=secretariat)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [outsider.email]
        assert "You are a delegate of Philippines" in mail.outbox[0].subject
        # A second run of the task (a retry, a duplicate delivery) sends nothing more.
        assert services.affiliation_notify(affiliation_id=affiliation.pk) is False
        assert len(mail.outbox) == 1

    def test_refusal_mail_carries_the_reason(self, secretariat, outsider, organization):
        from django.core import mail

        from copportal.accounts import services

        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        services.affiliation_refuse(
            affiliation_id=affiliation.pk, by=secretariat, reason="Unknown to the mission."
        )
        assert "Unknown to the mission." in mail.outbox[0].body
        assert "Unknown to the mission." in mail.outbox[0].alternatives[0].content

    def test_nothing_is_sent_when_the_decision_rolls_back(
        self, secretariat, outsider, organization
    ):
        from django.core import mail
        from django.db import transaction

        from copportal.accounts import services

        affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
        with pytest.raises(RuntimeError), transaction.atomic():
            services.affiliation_approve(affiliation_id=affiliation.pk, by=secretariat)
            raise RuntimeError
        assert mail.outbox == []


@pytest.mark.django_db
class TestOrganizationNotListed:
    URL = reverse("accounts:affiliation_request")

    def test_a_person_names_an_organization_that_is_not_listed(self, client_for, outsider):
        response = client_for(outsider).post(
            self.URL, {"proposed_name": "Child Safety Lab", "proposed_kind": "sector-member"}
        )
        assert response.status_code == 302
        affiliation = Affiliation.objects.get(user=outsider)
        assert affiliation.organization is None
        assert affiliation.organization_name == "Child Safety Lab"

    def test_approval_adds_the_organization(self, client_for, secretariat, outsider):
        from copportal.accounts.models import Organization

        client_for(outsider).post(
            self.URL, {"proposed_name": "Child Safety Lab", "proposed_kind": "sector-member"}
        )
        affiliation = Affiliation.objects.get(user=outsider)
        queue = client_for(secretariat).get(QUEUE).content.decode()
        assert "New organization: Sector Member" in queue
        url = reverse("accounts:affiliation_decide", args=[affiliation.pk, "approve"])
        response = client_for(secretariat).post(url, follow=True)
        assert "is now a delegate of Child Safety Lab" in response.content.decode()
        organization = Organization.objects.get(name="Child Safety Lab")
        assert organization.kind == Organization.Kind.SECTOR_MEMBER
        assert User.objects.get(pk=outsider.pk).approved_organizations == [organization]

    def test_a_listed_name_is_matched_rather_than_duplicated(
        self, client_for, outsider, organization
    ):
        client_for(outsider).post(self.URL, {"proposed_name": "philippines"})
        assert Affiliation.objects.get(user=outsider).organization == organization

    def test_neither_a_choice_nor_a_name_is_refused(self, client_for, outsider):
        response = client_for(outsider).post(self.URL, {"role_title": "Counsellor"})
        assert "Choose your organization from the list" in response.content.decode()
        assert not Affiliation.objects.exists()

    def test_both_a_choice_and_a_name_is_refused(self, client_for, outsider, organization):
        response = client_for(outsider).post(
            self.URL,
            {"organization": organization.pk, "proposed_name": "Other", "proposed_kind": "other"},
        )
        assert "not both" in response.content.decode()

    def test_a_new_name_needs_its_kind(self, client_for, outsider):
        response = client_for(outsider).post(self.URL, {"proposed_name": "Child Safety Lab"})
        assert "what kind of organization" in response.content.decode()
        assert not Affiliation.objects.exists()

    def test_refusal_mail_names_the_proposed_organization(
        self, secretariat, outsider, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from copportal.accounts import services

        affiliation = services.affiliation_request(
            user=outsider,
            organization=None,
            proposed_name="Child Safety Lab",
            proposed_kind="other",
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.affiliation_refuse(
                affiliation_id=affiliation.pk, by=secretariat, reason="Unknown"
            )
        assert "Child Safety Lab" in mail.outbox[0].subject


@pytest.mark.django_db
def test_an_unknown_decision_is_404(client_for, secretariat, outsider, organization):
    affiliation = AffiliationFactory(user=outsider, organization=organization, status="pending")
    response = client_for(secretariat).post(f"/secretariat/affiliations/{affiliation.pk}/maybe/")
    assert response.status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING
