import pytest

from core.tekst import inkorten


@pytest.mark.parametrize(
    ("tekst", "lengte", "uit"),
    [
        ("Kort genoeg.", 60, "Kort genoeg."),
        (
            "In 2030 is Schothorst-Noord aardgasvrij met woonlasten die niet stijgen.",
            40,
            "In 2030 is Schothorst-Noord aardgasvrij…",
        ),
        ("Eén lange samenstelling: warmtetransitievisieuitvoeringsplan", 20, "Eén lange…"),
        ("warmtetransitievisieuitvoeringsplan", 10, "warmtetra…"),
        ("  spaties   worden   één  ", 60, "spaties worden één"),
    ],
)
def test_inkorten_cuts_at_a_word_with_an_ellipsis(tekst, lengte, uit):
    assert inkorten(tekst, lengte) == uit
    assert len(inkorten(tekst, lengte)) <= lengte
