"""Rule: persons sharing a family name and one given name but differing in another are not the same
person; initials may stand for given names unless they conflict with them."""
from watchlist.matching import analyse_name, compare_names


def test_different_given_name_beside_shared_ones_is_not_a_match():
    assert not compare_names("Sri Wulan Anggraini", "Ratna Wulan Anggraini", kind="person").match
    assert not compare_names("Nguyễn Đức Văn Long", "Nguyễn Đức Thanh Long", kind="person").match
    assert not compare_names("Rupa Sherpa", "Rupa Maya Sharma", kind="person").match


def test_dropped_given_name_still_matches():
    assert compare_names("Sri Wulan Anggraini", "Wulan Anggraini", kind="person").match
    assert compare_names("Nguyễn Đức Văn Long", "Nguyễn Văn Long", kind="person").match


def test_vietnamese_van_is_a_middle_name_but_dutch_van_a_particle():
    assert "van" in analyse_name("Nguyen Van Long", "person").tokens
    assert "van" in analyse_name("Văn Long", "person").tokens
    assert "van" not in analyse_name("Pieter van Houten", "person").tokens


def test_initials_stand_for_given_names():
    assert compare_names("Nguyễn Đ. Thanh Long", "Nguyễn Đức Thanh Long", kind="person").match
    assert compare_names("Phạm T. Linh", "Phạm Thị Linh", kind="person").match
    assert compare_names("Jennifer O. Cruz", "Jennifer Ocampo Cruz", kind="person").match


def test_initial_conflicting_with_a_given_name_does_not_match():
    assert not compare_names("Nguyễn V. Thanh Long", "Nguyễn Đức Thanh Long", kind="person").match
    assert not compare_names("Jennifer O. Cruz", "Jennifer Santos Cruz", kind="person").match
    assert not compare_names("Phạm H. Linh", "Phạm Thị Linh", kind="person").match
