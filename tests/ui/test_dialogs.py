"""The one-open-dialog helper: raised if open, forgotten when closed or deleted."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from rakerone_desktop.ui.dialogs import OneDialog


def test_one_dialog_is_raised_then_forgotten_when_closed(qtbot):
    closed = []
    one: OneDialog[QDialog] = OneDialog(lambda dialog, result: closed.append(result))
    assert one.raise_open() is None
    dialog = QDialog()
    assert one.open(dialog, modeless=True) is dialog
    assert one.raise_open() is dialog
    dialog.reject()
    assert closed == [QDialog.DialogCode.Rejected]
    assert one.dialog is None


def test_a_dialog_deleted_with_its_parent_is_forgotten(qtbot):
    parent = QWidget()
    one: OneDialog[QDialog] = OneDialog()
    one.open(QDialog(parent), modeless=True)
    parent.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert one.dialog is None
    assert one.raise_open() is None  # nothing dangling to raise


def test_forgetting_one_dialog_never_forgets_the_next(qtbot):
    one: OneDialog[QDialog] = OneDialog()
    old = QDialog()
    one.open(old, modeless=True)
    one.forget()  # old is deleted later
    new = one.open(QDialog(), modeless=True)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert one.dialog is new
    new.reject()
