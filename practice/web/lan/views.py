"""Log in with the passcode, confirm it again for risky actions, log out, take the local CA to a phone."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired

from practice.lan.certs import CertificateFiles
from practice.lan.passcode import check_passcode
from practice.web.lan.gate import current_owner, mark_passcode_confirmed, passcode_attempts, safe_next

bp = Blueprint("lan", __name__)


class PasscodeForm(FlaskForm):
    passcode = PasswordField("Passcode", validators=[DataRequired("Type the passcode.")])


def _passcode_is_right(form: PasscodeForm) -> bool:
    """Validate the form and the passcode; a wrong one is logged and shown as an error on the field."""
    if not form.validate_on_submit():
        return False
    if check_passcode(current_app.extensions["practice.lan"].folder, form.passcode.data):
        return True
    current_app.logger.warning("wrong LAN passcode from %s", request.remote_addr)
    form.passcode.errors = ["That passcode is not right. It was printed when practice started."]
    return False


@bp.route("/login", methods=["GET", "POST"])
@passcode_attempts
def login():
    form = PasscodeForm()
    home = url_for("rehearse.home")
    if _passcode_is_right(form):
        session.clear()
        login_user(current_owner())
        session.permanent = True
        return redirect(safe_next(request.args.get("next"), home))
    status = 401 if form.is_submitted() else 200
    return render_template("lan/login.html", form=form), status


@bp.route("/passcode-again", methods=["GET", "POST"])
@passcode_attempts
def confirm_passcode():
    form = PasscodeForm()
    target = safe_next(request.args.get("next"), url_for("data.data_page"))
    if _passcode_is_right(form):
        mark_passcode_confirmed()
        flash("Passcode confirmed. Exports and delete-all are open for the next five minutes.", "success")
        return redirect(target)
    status = 401 if form.is_submitted() else 200
    return render_template("lan/passcode_again.html", form=form), status


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("lan.login"))


@bp.get("/phone")
def phone_page():
    return render_template("lan/phone.html")


@bp.get("/lan/practice-local-ca.crt")
def local_ca():
    """The authority's certificate (public, no key): installed on the phone, the browser trusts the app."""
    files = CertificateFiles(current_app.extensions["practice.lan"].folder)
    return send_file(files.ca_cert, mimetype="application/x-x509-ca-cert", as_attachment=True,
                     download_name="practice-local-ca.crt", max_age=0)
