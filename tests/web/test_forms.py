"""The form base every page uses: one plain first problem, typed values kept, numbers in ASCII digits only."""
import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, StringField
from wtforms.validators import DataRequired, Length

from practice.errors import UserError
from practice.web.forms import LinesField, PageForm, WholeNumberField, optional_int, stripped


class Row(Form):
    text = StringField(validators=[Length(max=3, message="Row too long.")])


class ExampleForm(PageForm):
    class Meta:
        csrf = False

    name = StringField(filters=[stripped], validators=[DataRequired("Write a name.")])
    seconds = WholeNumberField(invalid_value_message="Give the seconds as a whole number.")
    points = LinesField()
    rows = FieldList(FormField(Row), min_entries=1)


@pytest.fixture
def post():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test-only")

    def submit(**fields) -> ExampleForm:
        with app.test_request_context(method="POST", data=MultiDict(fields)):
            form = ExampleForm()
            form.validate()
            return form
    return submit


def test_the_first_problem_is_the_first_field_in_order(post):
    form = post(name="  ", seconds="soon")
    assert form.first_error == "Write a name."
    assert post(name="Ana", seconds="soon").first_error == "Give the seconds as a whole number."


def test_a_problem_inside_a_list_of_subforms_is_found(post):
    assert post(name="Ana", **{"rows-0-text": "ok", "rows-1-text": "much too long"}).first_error == "Row too long."


def test_a_valid_form_has_no_first_error_and_stripped_values(post):
    form = post(name="  Ana  ", seconds="45", points="  one   point \n\n two\n")
    assert (form.first_error, form.name.data, form.seconds.data, form.points.data) == (None, "Ana", 45, ["one point",
                                                                                                         "two"])


@pytest.mark.parametrize("typed", ["٤٥", "4_5", "-5", "4.5", "99999999999999999999999", ""])
def test_a_whole_number_is_ascii_digits_that_fit_the_database(post, typed):
    form = post(name="Ana", seconds=typed)
    assert form.seconds.data is None and form.first_error == "Give the seconds as a whole number."


def test_a_refused_form_shows_the_lines_and_numbers_as_they_were_typed(post):
    form = post(name="", seconds="soon", points="a\n\n  b")
    assert form.seconds._value() == "soon" and form.points._value() == "a\n\n  b"


def test_optional_int_is_none_when_absent_and_a_400_when_odd():
    assert optional_int({}, "page", "bad") is None and optional_int({"page": " 3 "}, "page", "bad") == 3
    with pytest.raises(UserError) as refused:
        optional_int({"page": "three"}, "page", "The page number must be a whole number.")
    assert (refused.value.status, refused.value.message) == (400, "The page number must be a whole number.")
