"""The plan a person works in: one choice for "Waar begin je?" and Actieplan, kept on disk."""

from __future__ import annotations

import pytest

from companion.plan.actionplan import ActionPlanService, PlanError
from companion.store.user_store import UserStore


@pytest.fixture
def user(tmp_path):
    store = UserStore(tmp_path / "user.sqlite")
    yield store
    store.close()


def test_without_plans_there_is_no_current_plan(user):
    assert ActionPlanService(user).current_plan() is None


def test_the_first_plan_by_name_until_one_is_chosen(user):
    service = ActionPlanService(user)
    service.create_plan("Zaanstad")
    service.create_plan("amsterdam")
    assert service.current_plan().name == "amsterdam"


def test_the_chosen_plan_stays_chosen_after_a_restart(user, tmp_path):
    service = ActionPlanService(user)
    service.create_plan("Amsterdam")
    zaanstad = service.create_plan("Zaanstad")
    service.set_current_plan(zaanstad.id)
    assert service.current_plan().name == "Zaanstad"
    user.close()
    again = UserStore(tmp_path / "user.sqlite")
    try:
        assert ActionPlanService(again).current_plan().name == "Zaanstad"
    finally:
        again.close()


def test_a_deleted_choice_falls_back_to_the_first_plan_left(user):
    service = ActionPlanService(user)
    service.create_plan("Amsterdam")
    zaanstad = service.create_plan("Zaanstad")
    service.set_current_plan(zaanstad.id)
    service.delete_plan(zaanstad.id)
    assert service.current_plan().name == "Amsterdam"
    service.delete_plan(service.current_plan().id)
    assert service.current_plan() is None


def test_choosing_a_plan_that_is_gone_is_refused_and_changes_nothing(user):
    service = ActionPlanService(user)
    amsterdam = service.create_plan("Amsterdam")
    zaanstad = service.create_plan("Zaanstad")
    service.set_current_plan(zaanstad.id)
    service.delete_plan(amsterdam.id)
    with pytest.raises(PlanError) as info:
        service.set_current_plan(amsterdam.id)
    assert info.value.message == "Dit plan bestaat niet meer."
    assert service.current_plan().name == "Zaanstad"
