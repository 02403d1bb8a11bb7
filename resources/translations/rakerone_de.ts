<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutAndDiagnostics</name>
    <message>
        <location filename="../../rakerone_desktop/shell/about.py"/>
        <source>Diagnostics copied to the clipboard</source>
        <translation>Diagnose in die Zwischenablage kopiert</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>About RakerOne Desktop</source>
        <translation>Über RakerOne Desktop</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>RakerOne Desktop logo</source>
        <translation>Logo von RakerOne Desktop</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>The administration client for RakerOne API keys.</source>
        <translation>Der Verwaltungsclient für RakerOne-API-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Qt %1 · PySide6 %2 · Python %3 · %4</source>
        <translation>Qt %1 · PySide6 %2 · Python %3 · %4</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>RakerOne Desktop is free software under the %1 licence. It is built with Qt and PySide6, used under the GNU Lesser General Public License version 3: a packaged build keeps their libraries as separate files, which you may replace with your own builds. The source of Qt and PySide6 is available from the Qt Project.</source>
        <translation>RakerOne Desktop ist freie Software unter der %1-Lizenz. Es ist mit Qt und PySide6 gebaut, die unter der GNU Lesser General Public License Version 3 verwendet werden: Ein Installationspaket enthält ihre Bibliotheken als eigene Dateien, die Sie durch eigene Builds ersetzen dürfen. Den Quellcode von Qt und PySide6 stellt das Qt Project bereit.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Components and their licences</source>
        <translation>Komponenten und ihre Lizenzen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>&amp;Components</source>
        <translation>&amp;Komponenten</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Copy &amp;diagnostics</source>
        <translation>&amp;Diagnose kopieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/about_dialog.py"/>
        <source>Versions, server and recent errors for a support ticket; never a secret</source>
        <translation>Versionen, Server und letzte Fehler für eine Supportanfrage; niemals ein Geheimnis</translation>
    </message>
</context>
<context>
    <name>AdminOnlyWindow</name>
    <message>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source>The whole Admin group, including this page, is admin-only. If you don’t see it, ask an admin.</source>
        <translation>Die gesamte Gruppe Admin, einschließlich dieser Seite, ist nur für Admins. Wenn Sie sie nicht sehen, fragen Sie einen Admin.</translation>
    </message>
</context>
<context>
    <name>AdminPages</name>
    <message>
        <location filename="../../rakerone_desktop/ui/admin_pages.py"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/admin_pages.py"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/admin_pages.py"/>
        <source>That key is not in the loaded list.</source>
        <translation>Dieser Schlüssel ist nicht in der geladenen Liste.</translation>
    </message>
</context>
<context>
    <name>AnswerFooter</name>
    <message>
        <location filename="../../rakerone_desktop/ui/answer_footer.py"/>
        <source>(request id %1)</source>
        <translation>(Anfrage-ID %1)</translation>
    </message>
</context>
<context>
    <name>ApiKeysModel</name>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>No permissions</source>
        <translation>Keine Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Exposed</source>
        <translation>Offengelegt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Reported exposed on %1 by %2</source>
        <translation>Am %1 von %2 als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Found at %1</source>
        <translation>Gefunden unter %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Rotation in progress: revoke this key once your integration uses the new one.</source>
        <translation>Rotation läuft: Widerrufen Sie diesen Schlüssel, sobald Ihre Integration den neuen verwendet.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Disabled %1 by %2</source>
        <translation>Deaktiviert am %1 von %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Expires %1 (rotated)</source>
        <translation>Läuft %1 ab (rotiert)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>This key never expires.</source>
        <translation>Dieser Schlüssel läuft nie ab.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Rotated: this key stops working then; its successor is new.</source>
        <translation>Rotiert: Dieser Schlüssel funktioniert ab dann nicht mehr; sein Nachfolger ist neu.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>This key hasn&apos;t been used yet.</source>
        <translation>Dieser Schlüssel wurde noch nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>IP: %1</source>
        <translation>IP: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>User agent: %1</source>
        <translation>User-Agent: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Created %1 by %2</source>
        <translation>Erstellt am %1 von %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Revoked %1 by %2</source>
        <translation>Widerrufen am %1 von %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Revoke this key</source>
        <translation>Diesen Schlüssel widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Last used IP</source>
        <translation>IP der letzten Verwendung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Last used user agent</source>
        <translation>User-Agent der letzten Verwendung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/keytable/columns.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Never used</source>
        <translation>Nie verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Not used in %1 days</source>
        <translation>Seit %1 Tagen nicht verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Can impersonate</source>
        <translation>Kann als Benutzer handeln</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/keys_model.py"/>
        <source>No expiry</source>
        <translation>Ohne Ablaufdatum</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../rakerone_desktop/shell/application.py"/>
        <source>Opening your remembered session…</source>
        <translation>Ihre gespeicherte Sitzung wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../rakerone_desktop/models/audit_model.py"/>
        <source>Double-click to show this key</source>
        <translation>Doppelklicken, um diesen Schlüssel anzuzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key created</source>
        <extracomment>The contract&apos;s action names (api-v1-lifecycle, &quot;Audit log&quot;), in the filter&apos;s order.</extracomment>
        <translation>Schlüssel erstellt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key edited</source>
        <translation>Schlüssel bearbeitet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key disabled</source>
        <translation>Schlüssel deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key enabled</source>
        <translation>Schlüssel aktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key revoked</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key rotated</source>
        <translation>Schlüssel rotiert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key reported exposed</source>
        <translation>Schlüssel als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Key policy changed</source>
        <translation>Schlüsselrichtlinie geändert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/audit_columns.py"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Audit log</source>
        <extracomment>Fetch the next page when fewer than this many rows&apos; height is left below the view.</extracomment>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>What people did to keys and to the organization, newest first.</source>
        <translation>Was Personen an Schlüsseln und an der Organisation geändert haben, neueste zuerst.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>No events match these filters.</source>
        <translation>Keine Ereignisse entsprechen diesen Filtern.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Everyone</source>
        <translation>Alle Personen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Key id or name</source>
        <translation>Schlüssel-ID oder -Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>From date</source>
        <translation>Von Datum</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>To date (inclusive)</source>
        <translation>Bis Datum (einschließlich)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Export as CSV…</source>
        <translation>Als CSV exportieren …</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>%1 events shown</source>
        <translation>%1 Ereignisse angezeigt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source> — scroll for more</source>
        <translation> – für mehr weiterblättern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Export the audit log as CSV</source>
        <translation>Prüfprotokoll als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Couldn&apos;t write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/audit_page.py"/>
        <source>Saved %1 rows to %2</source>
        <translation>%1 Zeilen in %2 gespeichert</translation>
    </message>
</context>
<context>
    <name>BrowserSignIn</name>
    <message>
        <location filename="../../rakerone_desktop/flows/browser_sign_in.py"/>
        <source>This server doesn&apos;t offer sign-in with a browser.</source>
        <translation>Dieser Server bietet keine Anmeldung über den Browser an.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/flows/browser_sign_in.py"/>
        <source>Sign-in failed.</source>
        <translation>Die Anmeldung ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>BrowserSignInPanel</name>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Sign in with your browser</source>
        <translation>Mit dem Browser anmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Sign-in page address</source>
        <translation>Adresse der Anmeldeseite</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Cancel signing in with the browser</source>
        <translation>Anmeldung mit dem Browser abbrechen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Waiting for your browser…</source>
        <translation>Warte auf Ihren Browser…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/browser_sign_in_panel.py"/>
        <source>Your browser could not be opened. Copy this address into a browser:</source>
        <translation>Ihr Browser konnte nicht geöffnet werden. Kopieren Sie diese Adresse in einen Browser:</translation>
    </message>
</context>
<context>
    <name>CaBundleField</name>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>System trust store</source>
        <translation>Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Choose CA bundle…</source>
        <translation>CA-Bundle auswählen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Choose a certificate authority bundle</source>
        <translation>Ein Bundle von Zertifizierungsstellen auswählen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Use system</source>
        <translation>System verwenden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Use the system trust store</source>
        <translation>Den Zertifikatsspeicher des Systems verwenden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Choose a CA bundle for this server</source>
        <translation>Ein CA-Bundle für diesen Server auswählen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Zertifikate (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/ca_bundle_field.py"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>CopyKeyDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Copy your API key</source>
        <translation>Kopieren Sie Ihren API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Your new API key</source>
        <translation>Ihr neuer API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>&amp;API key</source>
        <translation>&amp;API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>The clipboard is cleared %1 seconds after you copy.</source>
        <translation>Die Zwischenablage wird %1 Sekunden nach dem Kopieren geleert.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>The clipboard is cleared when you quit the app.</source>
        <translation>Die Zwischenablage wird geleert, wenn Sie die App beenden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>The key is on the clipboard</source>
        <translation>Der Schlüssel ist in der Zwischenablage</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Go back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>Close anyway</source>
        <translation>Trotzdem schließen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>This is the only time you’ll see the full key. RakerOne can’t show it to you again. Click Copy and store the key somewhere safe before you close the dialog. If you lose it, you’ll have to revoke the key and create a new one.</source>
        <translation>Nur jetzt sehen Sie den vollständigen Schlüssel. RakerOne kann ihn Ihnen nicht noch einmal zeigen. Klicken Sie auf Kopieren und bewahren Sie den Schlüssel an einem sicheren Ort auf, bevor Sie den Dialog schließen. Wenn Sie ihn verlieren, müssen Sie den Schlüssel widerrufen und einen neuen erstellen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>You haven&apos;t copied this key. It can&apos;t be shown again.</source>
        <translation>Sie haben diesen Schlüssel nicht kopiert. Er kann nicht noch einmal angezeigt werden.</translation>
    </message>
</context>
<context>
    <name>CreateDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Rotate “%1”</source>
        <extracomment>What the server offers: the wizard shows those fields only. Told of each new wizard (to fill its owner list in the background).</extracomment>
        <translation>„%1“ rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Rotate a key</source>
        <translation>Einen Schlüssel rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Select one active key in the table, then choose Rotate.</source>
        <translation>Wählen Sie einen aktiven Schlüssel in der Tabelle aus und dann Rotieren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>A key is still being created. Try again when it&apos;s done.</source>
        <translation>Es wird noch ein Schlüssel erstellt. Versuchen Sie es erneut, wenn das abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Another key is still being created. Try again in a moment.</source>
        <translation>Es wird gerade ein anderer Schlüssel erstellt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Your session has ended. Waiting for you to sign in again…</source>
        <translation>Ihre Sitzung ist abgelaufen. Warten auf Ihre erneute Anmeldung…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The key&apos;s value was lost</source>
        <translation>Der Wert des Schlüssels ging verloren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The key “%1” (%2) was created, but the answer carrying its value was lost on the way. RakerOne can’t show the value again, so nobody can use this key.</source>
        <translation>Der Schlüssel „%1“ (%2) wurde erstellt, aber die Antwort mit seinem Wert ging unterwegs verloren. RakerOne kann den Wert nicht noch einmal zeigen, daher kann niemand diesen Schlüssel verwenden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Revoke it and create a fresh one with the same name and permissions?</source>
        <translation>Ihn widerrufen und einen neuen mit demselben Namen und denselben Berechtigungen erstellen?</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Revoke it and create a new key</source>
        <translation>Widerrufen und neuen Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Keep it for now</source>
        <translation>Vorerst behalten</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Another change is still running. Try again when it&apos;s done.</source>
        <translation>Eine andere Änderung läuft noch. Versuchen Sie es erneut, wenn sie abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The key was not revoked</source>
        <translation>Der Schlüssel wurde nicht widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The new key wasn&apos;t created</source>
        <translation>Der neue Schlüssel wurde nicht erstellt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The old key was revoked, but the new one wasn&apos;t created: %1</source>
        <translation>Der alte Schlüssel wurde widerrufen, aber der neue wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Switch your integration over to this new key, then revoke the old one. Until you do, the old key&apos;s row shows that a rotation is in progress.</source>
        <translation>Stellen Sie Ihre Integration auf diesen neuen Schlüssel um und widerrufen Sie dann den alten. Bis dahin zeigt die Zeile des alten Schlüssels, dass eine Rotation läuft.</translation>
    </message>
</context>
<context>
    <name>CreateKeyWizard</name>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Enter a name for the key.</source>
        <translation>Geben Sie einen Namen für den Schlüssel ein.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Use at most %1 characters (this name has %2).</source>
        <translation>Verwenden Sie höchstens %1 Zeichen (dieser Name hat %2).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Remove control and invisible formatting characters (U+%1).</source>
        <translation>Entfernen Sie Steuerzeichen und unsichtbare Formatierungszeichen (U+%1).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Creating key…</source>
        <translation>Schlüssel wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Your session has ended, so the key wasn&apos;t created. Sign in again, then click Create key; everything you entered is still here.</source>
        <translation>Ihre Sitzung ist abgelaufen, daher wurde der Schlüssel nicht erstellt. Melden Sie sich erneut an und klicken Sie dann auf Schlüssel erstellen; alles, was Sie eingegeben haben, ist noch da.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>Recent activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>Load more activity</source>
        <translation>Weitere Aktivität laden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>Export activity…</source>
        <translation>Aktivität exportieren…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>Loading activity…</source>
        <translation>Aktivität wird geladen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>No activity yet.</source>
        <translation>Noch keine Aktivität.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/activity_list.py"/>
        <source>Activity couldn&apos;t be loaded: %1</source>
        <translation>Die Aktivität konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>Key details</source>
        <translation>Schlüsseldetails</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>Select a key to see its details.</source>
        <translation>Wählen Sie einen Schlüssel aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>Revoke key…</source>
        <translation>Schlüssel widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>&amp;Edit key…</source>
        <translation>Schlüssel &amp;bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>Stop the key at once; Enable undoes it</source>
        <translation>Stoppt den Schlüssel sofort; Aktivieren macht es rückgängig</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/details_pane.py"/>
        <source>E&amp;nable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Key name</source>
        <translation>Schlüsselname</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>From IP</source>
        <translation>Von IP</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>User agent</source>
        <translation>User-Agent</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Exposure</source>
        <translation>Offenlegung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>No permissions</source>
        <translation>Keine Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Rotated: this key stops working then.</source>
        <translation>Rotiert: Dieser Schlüssel funktioniert ab dann nicht mehr.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Disabled %1 by %2</source>
        <translation>Deaktiviert am %1 von %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Reported exposed on %1 by %2</source>
        <translation>Am %1 von %2 als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>GitHub secret scanning</source>
        <translation>GitHub Secret Scanning</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>Reported exposed on %1 at %3 by %2</source>
        <translation>Am %1 von %2 unter %3 als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>; disabled automatically</source>
        <translation>; automatisch deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>; disabled</source>
        <translation>; deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_info.py"/>
        <source>; revoked</source>
        <translation>; widerrufen</translation>
    </message>
</context>
<context>
    <name>DisableDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Disable key</source>
        <translation>Schlüssel deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>%1 was used in the last hour. An integration that uses it stops working until you enable it again.</source>
        <translation>%1 wurde in der letzten Stunde verwendet. Eine Integration, die ihn nutzt, funktioniert nicht mehr, bis Sie ihn wieder aktivieren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Another disable or enable is still running. Try again when it&apos;s done.</source>
        <translation>Eine andere Deaktivierung oder Aktivierung läuft noch. Versuchen Sie es erneut, wenn sie fertig ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Your session has ended. Sign in again and the change is sent then.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, dann wird die Änderung gesendet.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>The key was not disabled</source>
        <translation>Der Schlüssel wurde nicht deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>The key was not enabled</source>
        <translation>Der Schlüssel wurde nicht aktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>This key is revoked or has expired: it can&apos;t be disabled or enabled any more. %1</source>
        <translation>Dieser Schlüssel ist widerrufen oder abgelaufen: Er kann nicht mehr deaktiviert oder aktiviert werden. %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Disable keys</source>
        <translation>Schlüssel deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Enable keys</source>
        <translation>Schlüssel aktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>was already disabled</source>
        <translation>war bereits deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>not changed: revoked or expired</source>
        <translation>nicht geändert: widerrufen oder abgelaufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
</context>
<context>
    <name>EditDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Edit key</source>
        <translation>Schlüssel bearbeiten</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Select one key that isn&apos;t revoked, then choose Edit.</source>
        <translation>Wählen Sie einen Schlüssel aus, der nicht widerrufen ist, und dann Bearbeiten.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Your session has ended. Waiting for you to sign in again…</source>
        <translation>Ihre Sitzung ist abgelaufen. Warten auf Ihre erneute Anmeldung…</translation>
    </message>
</context>
<context>
    <name>EditKeyDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Edit key</source>
        <translation>Schlüssel bearbeiten</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>&amp;Owner</source>
        <translation>&amp;Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>&amp;Tags</source>
        <translation>&amp;Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>E&amp;xpires</source>
        <translation>&amp;Läuft ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>The key&apos;s current values</source>
        <translation>Die aktuellen Werte des Schlüssels</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>This key was revoked or has expired, so it can&apos;t be edited any more. Nothing was changed.</source>
        <translation>Dieser Schlüssel wurde widerrufen oder ist abgelaufen und kann nicht mehr bearbeitet werden. Nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Someone else changed this key after you opened it, so nothing was saved. Its current values are below; what you typed is still here. Save again to apply your changes to the current version, or Cancel.</source>
        <translation>Jemand anderes hat diesen Schlüssel geändert, nachdem Sie ihn geöffnet haben, daher wurde nichts gespeichert. Die aktuellen Werte stehen unten; Ihre Eingaben sind erhalten. Speichern Sie erneut, um Ihre Änderungen auf die aktuelle Version anzuwenden, oder brechen Sie ab.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>(request id %1)</source>
        <translation>(Anfrage-ID %1)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>The current values couldn&apos;t be read.</source>
        <translation>Die aktuellen Werte konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>The key is now revoked or expired, so it can&apos;t be edited any more.</source>
        <translation>Der Schlüssel ist inzwischen widerrufen oder abgelaufen und kann nicht mehr bearbeitet werden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Now on the server:</source>
        <translation>Jetzt auf dem Server:</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Name: %1</source>
        <translation>Name: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Description: %1</source>
        <translation>Beschreibung: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Owner: %1</source>
        <translation>Verantwortlich: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Expires: %1</source>
        <translation>Läuft ab: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Permissions: %1</source>
        <translation>Berechtigungen: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/edit_key_dialog.py"/>
        <source>Permissions can only be removed. Create a new key to grant more.</source>
        <translation>Berechtigungen können nur entfernt werden. Erstellen Sie einen neuen Schlüssel, um mehr zu gewähren.</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>No API keys</source>
        <translation>Keine API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>No API keys yet</source>
        <translation>Noch keine API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>Create a key to let an outside system — a script, an integration, or another app — work with RakerOne on its own.</source>
        <translation>Erstellen Sie einen Schlüssel, damit ein externes System – ein Skript, eine Integration oder eine andere App – selbstständig mit RakerOne arbeiten kann.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Request id: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
</context>
<context>
    <name>ExportDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Export keys as CSV</source>
        <translation>Schlüssel als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Export activity</source>
        <translation>Aktivität exportieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Select a key first.</source>
        <translation>Wählen Sie zuerst einen Schlüssel aus.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Export the activity of “%1” as CSV</source>
        <translation>Aktivität von „%1“ als CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Save revoke results</source>
        <translation>Ergebnisse des Widerrufs speichern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>The file wasn&apos;t saved</source>
        <translation>Die Datei wurde nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Couldn&apos;t write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/exports.py"/>
        <source>Saved %1 rows to %2</source>
        <translation>%1 Zeilen in %2 gespeichert</translation>
    </message>
</context>
<context>
    <name>FindDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Your session has ended. Waiting for you to sign in again…</source>
        <translation>Ihre Sitzung ist abgelaufen. Warten auf Ihre erneute Anmeldung…</translation>
    </message>
</context>
<context>
    <name>FindKeyDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Find key by value</source>
        <translation>Schlüssel nach Wert suchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Paste a key, or any text that contains keys (a log line, a config file). The text stays on this computer: each key is checked and hashed here, and only its SHA-256 is sent to find which key it is.</source>
        <extracomment>Disable beside Revoke (set when the server offers disabling).</extracomment>
        <translation>Fügen Sie einen Schlüssel oder einen beliebigen Text mit Schlüsseln ein (eine Logzeile, eine Konfigurationsdatei). Der Text bleibt auf diesem Computer: Jeder Schlüssel wird hier geprüft und gehasht, und nur sein SHA-256 wird gesendet, um herauszufinden, welcher Schlüssel es ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Key or text to search</source>
        <translation>Schlüssel oder zu durchsuchender Text</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>rone_…</source>
        <translation>rone_…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Show the pasted text</source>
        <translation>Den eingefügten Text anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Revoke all found</source>
        <translation>Alle gefundenen widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Filled in from the clipboard.</source>
        <translation>Aus der Zwischenablage eingefügt.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>This isn&apos;t a RakerOne key: RakerOne keys start with rone_.</source>
        <translation>Das ist kein RakerOne-Schlüssel: RakerOne-Schlüssel beginnen mit rone_.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Paste a key or some text that contains one.</source>
        <translation>Fügen Sie einen Schlüssel oder einen Text ein, der einen enthält.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>No valid RakerOne key in this text.</source>
        <translation>Kein gültiger RakerOne-Schlüssel in diesem Text.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Looking up %1 key(s)…</source>
        <translation>%1 Schlüssel werden gesucht…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Looks like a key but fails the checksum: not a RakerOne key.</source>
        <translation>Sieht aus wie ein Schlüssel, aber die Prüfsumme stimmt nicht: kein RakerOne-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>No key in this organization matches</source>
        <translation>Kein Schlüssel in dieser Organisation passt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>“%1” — disabled</source>
        <translation>„%1“ — deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>“%1” — already revoked on %2 by %3</source>
        <translation>„%1“ – bereits widerrufen am %2 von %3</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>“%1” — active, last used: %2</source>
        <translation>„%1“ – aktiv, zuletzt verwendet: %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>%1 of %2 key(s) found; %3 still active.</source>
        <translation>%1 von %2 Schlüsseln gefunden; %3 noch aktiv.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Revoke all %1 active keys found…</source>
        <translation>Alle %1 gefundenen aktiven Schlüssel widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>The lookup failed: %1</source>
        <translation>Die Suche ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Revoke %1</source>
        <translation>%1 widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/find_key_dialog.py"/>
        <source>Disable %1</source>
        <translation>%1 deaktivieren</translation>
    </message>
</context>
<context>
    <name>KeyFields</name>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Use at most %1 characters (this description has %2).</source>
        <extracomment>The expiry choices that are not a number of days.</extracomment>
        <translation>Verwenden Sie höchstens %1 Zeichen (diese Beschreibung hat %2).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Remove control and invisible formatting characters (U+%1).</source>
        <translation>Entfernen Sie Steuerzeichen und unsichtbare Formatierungszeichen (U+%1).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>“%1” isn&apos;t a tag: use 1 to 40 of a-z, 0-9 and . _ : - starting with a letter or digit.</source>
        <translation>„%1“ ist kein Tag: Verwenden Sie 1 bis 40 Zeichen aus a-z, 0-9 und . _ : -, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>“%1” appears twice.</source>
        <translation>„%1“ kommt zweimal vor.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Use at most %1 tags (there are %2).</source>
        <translation>Verwenden Sie höchstens %1 Tags (es sind %2).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>What the key is for, and whom to ask about it</source>
        <translation>Wofür der Schlüssel ist und wen man dazu fragen kann</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>billing, prod</source>
        <translation>billing, prod</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Loading the organization&apos;s people…</source>
        <translation>Personen der Organisation werden geladen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>The list of people couldn&apos;t be loaded: %1</source>
        <translation>Die Liste der Personen konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Your organization&apos;s policy: every key expires within %1 days.</source>
        <translation>Richtlinie Ihrer Organisation: Jeder Schlüssel läuft innerhalb von %1 Tagen ab.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Your organization&apos;s policy sets no limit; new keys expire after %1 days unless you choose otherwise.</source>
        <translation>Die Richtlinie Ihrer Organisation setzt keine Grenze; neue Schlüssel laufen nach %1 Tagen ab, sofern Sie nichts anderes wählen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Your organization&apos;s policy sets no limit.</source>
        <translation>Die Richtlinie Ihrer Organisation setzt keine Grenze.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Keep as it is (never)</source>
        <translation>Beibehalten (nie)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Keep as it is (%1)</source>
        <translation>Beibehalten (%1)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>In %1 days</source>
        <translation>In %1 Tagen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>On a date…</source>
        <translation>An einem Datum…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>Expiry date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>A key&apos;s expiry can only move earlier.</source>
        <translation>Der Ablauf eines Schlüssels kann nur vorverlegt werden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_fields.py"/>
        <source>A key&apos;s expiry can only move earlier. Choose a date before %1, or create a new key.</source>
        <translation>Der Ablauf eines Schlüssels kann nur vorverlegt werden. Wählen Sie ein Datum vor %1 oder erstellen Sie einen neuen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>KeyFlows</name>
    <message>
        <location filename="../../rakerone_desktop/ui/flows.py"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flows.py"/>
        <source>Select one or more active keys in the table first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere aktive Schlüssel in der Tabelle aus.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flows.py"/>
        <source>No active keys are shown.</source>
        <translation>Es werden keine aktiven Schlüssel angezeigt.</translation>
    </message>
</context>
<context>
    <name>KeyRowActions</name>
    <message>
        <location filename="../../rakerone_desktop/ui/key_row_menu.py"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_row_menu.py"/>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_row_menu.py"/>
        <source>E&amp;nable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/key_row_menu.py"/>
        <source>Key actions</source>
        <translation>Schlüsselaktionen</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>1 key was reported exposed on %1</source>
        <translation>1 Schlüssel wurde auf %1 als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>%2 keys were reported exposed on %1</source>
        <translation>%2 Schlüssel wurden auf %1 als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>1 key was reported exposed</source>
        <translation>1 Schlüssel wurde als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>%2 keys were reported exposed</source>
        <translation>%2 Schlüssel wurden als offengelegt gemeldet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source> and was disabled</source>
        <translation> und wurde deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source> and were disabled</source>
        <translation> und wurden deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source> and was revoked</source>
        <translation> und wurde widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source> and were revoked</source>
        <translation> und wurden widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>; it still works</source>
        <translation>; er funktioniert weiterhin</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_lifecycle_banner.py"/>
        <source>; they still work</source>
        <translation>; sie funktionieren weiterhin</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_page.py"/>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_page.py"/>
        <source>An API key lets an outside system work with RakerOne on its own, with its own permissions and its own name in the audit trail. Give a key only the permissions it actually needs.</source>
        <translation>Mit einem API-Schlüssel arbeitet ein externes System selbstständig mit RakerOne, mit eigenen Berechtigungen und eigenem Namen im Prüfprotokoll. Geben Sie einem Schlüssel nur die Berechtigungen, die er wirklich braucht.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Create key (Ctrl+N)</source>
        <translation>Schlüssel erstellen (Strg+N)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Refresh (F5)</source>
        <translation>Aktualisieren (F5)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Search name, hint, permission, creator</source>
        <translation>Name, Hinweis, Berechtigung, Ersteller suchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Search keys</source>
        <translation>Schlüssel suchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Filter keys</source>
        <translation>Schlüssel filtern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>Not used in how many days</source>
        <translation>Seit wie vielen Tagen nicht verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>The threshold of the “Not used in … days” filter</source>
        <translation>Die Schwelle des Filters „Seit … Tagen nicht verwendet“</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_toolbar.py"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
</context>
<context>
    <name>KeysTableDelegate</name>
    <message>
        <location filename="../../rakerone_desktop/ui/delegates.py"/>
        <source>No permissions</source>
        <translation>Keine Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/delegates.py"/>
        <source>Rotation in progress</source>
        <translation>Rotation läuft</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/delegates.py"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/delegates.py"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
</context>
<context>
    <name>LifecycleBanner</name>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Key lifecycle</source>
        <translation>Lebenszyklus der Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Show expiring keys</source>
        <translation>Ablaufende Schlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Show exposed keys</source>
        <translation>Offengelegte Schlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Revoke exposed keys</source>
        <translation>Offengelegte Schlüssel widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Enable exposed keys</source>
        <translation>Offengelegte Schlüssel aktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>1 key expires within %1 days</source>
        <translation>1 Schlüssel läuft innerhalb von %1 Tagen ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/banner.py"/>
        <source>%2 keys expire within %1 days</source>
        <translation>%2 Schlüssel laufen innerhalb von %1 Tagen ab</translation>
    </message>
</context>
<context>
    <name>LifecycleFields</name>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>&amp;Owner</source>
        <translation>&amp;Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>&amp;Tags</source>
        <translation>&amp;Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>E&amp;xpires</source>
        <translation>&amp;Läuft ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
</context>
<context>
    <name>LifecycleFlows</name>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>Select one or more active keys.</source>
        <translation>Wählen Sie einen oder mehrere aktive Schlüssel aus.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>Select one or more disabled keys.</source>
        <translation>Wählen Sie einen oder mehrere deaktivierte Schlüssel aus.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>Rotate a key</source>
        <translation>Einen Schlüssel rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_flows.py"/>
        <source>A new key is still being made or shown. Try again when it&apos;s done.</source>
        <translation>Ein neuer Schlüssel wird noch erstellt oder angezeigt. Versuchen Sie es erneut, wenn das erledigt ist.</translation>
    </message>
</context>
<context>
    <name>LoopbackListener</name>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Can&apos;t wait for the browser&apos;s answer: listening on this computer failed ({reason}).</source>
        <translation>Auf die Antwort des Browsers kann nicht gewartet werden: Das Lauschen auf diesem Computer ist fehlgeschlagen ({reason}).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Sign-in cancelled.</source>
        <translation>Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>This isn&apos;t a request this app understands.</source>
        <translation>Diese Anfrage versteht die App nicht.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Nothing here.</source>
        <translation>Hier gibt es nichts.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Only GET is answered here.</source>
        <translation>Hier wird nur GET beantwortet.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Back to RakerOne Desktop</source>
        <translation>Zurück zu RakerOne Desktop</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>The sign-in was handed to RakerOne Desktop. You can close this page and return to the app.</source>
        <translation>Die Anmeldung wurde an RakerOne Desktop übergeben. Sie können diese Seite schließen und zur App zurückkehren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Sign-in didn&apos;t complete</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>You can close this page.</source>
        <translation>Sie können diese Seite schließen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>The browser&apos;s answer doesn&apos;t belong to this sign-in (its state doesn&apos;t match), so it was ignored. Start the sign-in again.</source>
        <translation>Die Antwort des Browsers gehört nicht zu dieser Anmeldung (ihr state passt nicht) und wurde deshalb ignoriert. Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>Sign-in was declined in the browser.</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>The server refused the sign-in: {error}. {description}</source>
        <translation>Der Server hat die Anmeldung abgelehnt: {error}. {description}</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>The browser came back without a sign-in code.</source>
        <translation>Der Browser kam ohne Anmeldecode zurück.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>en</source>
        <extracomment>The language code of this translation (de, fr…), for the page shown in the browser.</extracomment>
        <translation>de</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>No answer came from the browser within %n minute. Start the sign-in again.</source>
        <translation>
            <numerusform>Der Browser hat nicht innerhalb von %n Minute geantwortet. Starten Sie die Anmeldung erneut.</numerusform>
            <numerusform>Der Browser hat nicht innerhalb von %n Minuten geantwortet. Starten Sie die Anmeldung erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/runtime/loopback.py"/>
        <source>No answer came from the browser within %n minutes. Start the sign-in again.</source>
        <translation>
            <numerusform>Der Browser hat nicht innerhalb von %n Minute geantwortet. Starten Sie die Anmeldung erneut.</numerusform>
            <numerusform>Der Browser hat nicht innerhalb von %n Minuten geantwortet. Starten Sie die Anmeldung erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Export keys as CSV…</source>
        <translation>Schlüssel als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Keys</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Create key…</source>
        <translation>Schlüssel &amp;erstellen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>R&amp;otate…</source>
        <translation>&amp;Rotieren…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Find key by value…</source>
        <translation>Schlüssel nach Wert &amp;suchen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Revoke all &amp;shown keys…</source>
        <translation>Alle &amp;angezeigten Schlüssel widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Export &amp;activity of the selected key…</source>
        <translation>Aktivität des ausgewählten Schlüssels e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;Columns</source>
        <translation>Spa&amp;lten</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Read-&amp;only mode</source>
        <translation>&amp;Nur-Lese-Modus</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Hide every action that changes keys</source>
        <translation>Alle Aktionen ausblenden, die Schlüssel ändern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>&amp;About RakerOne Desktop</source>
        <translation>Ü&amp;ber RakerOne Desktop</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Copy &amp;diagnostics</source>
        <translation>&amp;Diagnose kopieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_menus.py"/>
        <source>Versions, server and recent errors for a support ticket; never a secret</source>
        <translation>Versionen, Server und letzte Fehler für eine Supportanfrage; niemals ein Geheimnis</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/main_window.py"/>
        <source> — read-only</source>
        <translation> – nur lesen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_actions.py"/>
        <source>S&amp;witch server…</source>
        <translation>Server &amp;wechseln…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_actions.py"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_actions.py"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_actions.py"/>
        <source>&amp;Session…</source>
        <translation>&amp;Sitzung…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_actions.py"/>
        <source>Server, account, when the session ends</source>
        <translation>Server, Konto, wann die Sitzung endet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sidebar.py"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sidebar.py"/>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/status_bar.py"/>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/status_bar.py"/>
        <source>%1 keys shown, %2 never used</source>
        <translation>%1 Schlüssel angezeigt, %2 nie verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/status_bar.py"/>
        <source>Last refreshed %1</source>
        <translation>Zuletzt aktualisiert %1</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Name the key</source>
        <translation>Schlüssel benennen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Data import service</source>
        <translation>Datenimport-Dienst</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Another key already has this name. You can still use it, but a distinct name makes the key easier to recognize in the table and the audit trail.</source>
        <translation>Ein anderer Schlüssel hat bereits diesen Namen. Sie können ihn trotzdem verwenden, aber mit einem eigenen Namen ist der Schlüssel in der Tabelle und im Prüfprotokoll leichter zu erkennen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Enter a Name that says what the key is for — for example, “Data import service.” The name is how you’ll recognize the key in the table and how its actions are recorded, so make it descriptive.</source>
        <translation>Geben Sie einen Namen ein, der sagt, wofür der Schlüssel ist – zum Beispiel „Datenimport-Dienst“. Am Namen erkennen Sie den Schlüssel in der Tabelle, und unter ihm werden seine Aktionen protokolliert; wählen Sie ihn also aussagekräftig.</translation>
    </message>
</context>
<context>
    <name>NoMatchState</name>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>No keys match this search and filter.</source>
        <translation>Kein Schlüssel passt zu dieser Suche und diesem Filter.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/keys_states.py"/>
        <source>Show all keys</source>
        <translation>Alle Schlüssel anzeigen</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Key hygiene for a security review. Each count shows its keys on the API keys page.</source>
        <translation>Schlüsselhygiene für eine Sicherheitsprüfung. Jede Zahl zeigt ihre Schlüssel auf der Seite „API-Schlüssel“.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Show these keys on the API keys page</source>
        <translation>Diese Schlüssel auf der Seite „API-Schlüssel“ anzeigen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Keys by last use</source>
        <translation>Schlüssel nach letzter Nutzung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Counting when the keys have loaded…</source>
        <translation>Wird gezählt, sobald die Schlüssel geladen sind …</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Save report…</source>
        <translation>Bericht speichern …</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Active keys</source>
        <translation>Aktive Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Never used</source>
        <translation>Nie verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Not used in %1 days</source>
        <translation>Seit %1 Tagen nicht verwendet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Can impersonate</source>
        <translation>Kann als Benutzer handeln</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>No expiry</source>
        <translation>Ohne Ablaufdatum</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Expiring soon</source>
        <translation>Läuft bald ab</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Exposed</source>
        <translation>Offengelegt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>This month</source>
        <translation>Diesen Monat</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Counting…</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>%1 keys not revoked, counted at %2</source>
        <translation>%1 nicht widerrufene Schlüssel, gezählt um %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>RakerOne API keys: overview</source>
        <translation>RakerOne API-Schlüssel: Übersicht</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Generated %1 (UTC)</source>
        <translation>Erstellt %1 (UTC)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Counts</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Keys to review</source>
        <translation>Zu prüfende Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Save the overview report</source>
        <translation>Übersichtsbericht speichern</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Couldn&apos;t write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/overview_page.py"/>
        <source>Saved the report to %1 (and the counts as CSV)</source>
        <translation>Bericht unter %1 gespeichert (und die Zahlen als CSV)</translation>
    </message>
</context>
<context>
    <name>PermissionsPage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Pick its permissions</source>
        <translation>Berechtigungen auswählen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>The server&apos;s permission catalog couldn&apos;t be loaded.</source>
        <translation>Der Berechtigungskatalog des Servers konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>No permissions selected: the key will show No permissions.</source>
        <translation>Keine Berechtigungen ausgewählt: Der Schlüssel zeigt Keine Berechtigungen an.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>%1 of %2 permissions selected</source>
        <translation>%1 von %2 Berechtigungen ausgewählt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>A key with this permission can act as a user: what it does may look like that person did it.</source>
        <translation>Ein Schlüssel mit dieser Berechtigung kann als Benutzer handeln: Was er tut, kann so aussehen, als hätte diese Person es getan.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Under Permissions, tick only the capabilities this key needs. Each checkbox maps to one capability — the same capabilities described in Roles and permissions.</source>
        <translation>Kreuzen Sie unter Berechtigungen nur die Fähigkeiten an, die dieser Schlüssel braucht. Jedes Kästchen entspricht einer Fähigkeit – denselben, die unter Rollen und Berechtigungen beschrieben sind.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Grant the fewest you can; you can always create a separate key for a different job.</source>
        <translation>Vergeben Sie so wenige wie möglich; für eine andere Aufgabe können Sie jederzeit einen eigenen Schlüssel erstellen.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>Off (clear when the app quits)</source>
        <translation>Aus (beim Beenden der App leeren)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>Clear the clipboard after</source>
        <translation>Zwischenablage leeren nach</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>Refresh Last used every</source>
        <translation>Zuletzt verwendet aktualisieren alle</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>&amp;Clear a copied key after</source>
        <translation>Kopierten Schlüssel &amp;leeren nach</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>&amp;Refresh the keys every</source>
        <translation>Schlüssel &amp;aktualisieren alle</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/preferences_dialog.py"/>
        <source>A copied key is cleared only if the clipboard still holds it, and always when the app quits.</source>
        <translation>Ein kopierter Schlüssel wird nur entfernt, wenn die Zwischenablage ihn noch enthält, und immer beim Beenden der App.</translation>
    </message>
</context>
<context>
    <name>ReauthPrompt</name>
    <message>
        <location filename="../../rakerone_desktop/shell/sign_in.py"/>
        <source>Your session has ended. Sign in again to finish what you were doing; nothing you entered is lost.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren; nichts von dem, was Sie eingegeben haben, geht verloren.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Creating key</source>
        <translation>Schlüssel wird erstellt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>After you create the key, RakerOne shows you its full value once.</source>
        <translation>Nachdem Sie den Schlüssel erstellt haben, zeigt RakerOne Ihnen seinen vollständigen Wert ein einziges Mal.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>No permissions</source>
        <translation>Keine Berechtigungen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/create_wizard.py"/>
        <source>A key with this permission can act as a user: what it does may look like that person did it.</source>
        <translation>Ein Schlüssel mit dieser Berechtigung kann als Benutzer handeln: Was er tut, kann so aussehen, als hätte diese Person es getan.</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>This key has never been used.</source>
        <extracomment>More keys than this need the count typed in before they can be revoked.</extracomment>
        <translation>Dieser Schlüssel wurde noch nie verwendet.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Last used %1 (%2).</source>
        <translation>Zuletzt verwendet: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoke %1 keys</source>
        <translation>%1 Schlüssel widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoke “%1”</source>
        <translation>„%1“ widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>%1 of these keys were used in the last day. Something is probably still using them, and it will stop working right away.</source>
        <translation>%1 dieser Schlüssel wurden am letzten Tag verwendet. Wahrscheinlich verwendet sie noch etwas, und es wird sofort aufhören zu funktionieren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>This key was used in the last day. Something is probably still using it, and it will stop working right away.</source>
        <translation>Dieser Schlüssel wurde am letzten Tag verwendet. Wahrscheinlich verwendet ihn noch etwas, und es wird sofort aufhören zu funktionieren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Keys to revoke</source>
        <translation>Zu widerrufende Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Number of keys to revoke</source>
        <translation>Anzahl der zu widerrufenden Schlüssel</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Type %1 to confirm that you mean to revoke all of these keys.</source>
        <translation>Geben Sie %1 ein, um zu bestätigen, dass Sie alle diese Schlüssel widerrufen wollen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoke key</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Save results…</source>
        <translation>Ergebnisse speichern…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Not sure yet? Disable stops these keys at once too, and can be undone with Enable.</source>
        <translation>Noch unsicher? Deaktivieren stoppt diese Schlüssel ebenfalls sofort und lässt sich mit Aktivieren rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>&amp;Disable all shown</source>
        <translation>Alle angezeigten &amp;deaktivieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoking…</source>
        <translation>Wird widerrufen…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>The keys were not confirmed as revoked: %1</source>
        <translation>Der Widerruf der Schlüssel wurde nicht bestätigt: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>The key was not revoked: %1</source>
        <translation>Der Schlüssel wurde nicht widerrufen: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoking is immediate and permanent. Any integration using these keys stops working right away, and the keys can&apos;t be brought back.</source>
        <translation>Der Widerruf erfolgt sofort und endgültig. Jede Integration, die diese Schlüssel verwendet, funktioniert sofort nicht mehr, und die Schlüssel lassen sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoking is immediate and permanent. Any integration using this key stops working right away, and the key can&apos;t be brought back.</source>
        <translation>Der Widerruf erfolgt sofort und endgültig. Jede Integration, die diesen Schlüssel verwendet, funktioniert sofort nicht mehr, und der Schlüssel lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Was already revoked</source>
        <translation>War bereits widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/revoke_dialog.py"/>
        <source>Not found (deleted or never existed)</source>
        <translation>Nicht gefunden (gelöscht oder nie vorhanden)</translation>
    </message>
</context>
<context>
    <name>RevokeDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>A revoke is still running. Try again when it&apos;s done.</source>
        <translation>Ein Widerruf läuft noch. Versuchen Sie es erneut, wenn er abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Another revoke is still running. Try again in a moment.</source>
        <translation>Ein anderer Widerruf läuft noch. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>Your session has ended. Waiting for you to sign in again…</source>
        <translation>Ihre Sitzung ist abgelaufen. Warten auf Ihre erneute Anmeldung…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/flow_views.py"/>
        <source>The key was not revoked</source>
        <translation>Der Schlüssel wurde nicht widerrufen</translation>
    </message>
</context>
<context>
    <name>RotateDialogs</name>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Rotate a key</source>
        <translation>Einen Schlüssel rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Select one active key in the table, then choose Rotate.</source>
        <translation>Wählen Sie einen aktiven Schlüssel in der Tabelle aus und dann Rotieren.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/lifecycle_views.py"/>
        <source>Your session has ended. Waiting for you to sign in again…</source>
        <translation>Ihre Sitzung ist abgelaufen. Warten auf Ihre erneute Anmeldung…</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>Rotate “%1”</source>
        <translation>„%1“ rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>Immediately</source>
        <translation>Sofort</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>The old key keeps working</source>
        <translation>Der alte Schlüssel funktioniert weiter</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>The old key keeps &amp;working</source>
        <translation>Der alte Schlüssel &amp;funktioniert weiter</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>Rotating key</source>
        <translation>Schlüssel wird rotiert</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>&amp;Rotate key</source>
        <translation>Schlüssel &amp;rotieren</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>RakerOne makes a new key with the same permissions, description, owner and tags, and shows its value once. The old key keeps working for the time you choose, so your integration can switch over without downtime; then it expires.</source>
        <translation>RakerOne erstellt einen neuen Schlüssel mit denselben Berechtigungen, derselben Beschreibung, Verantwortlichen und Tags und zeigt seinen Wert einmal an. Der alte Schlüssel funktioniert noch für die gewählte Zeit, damit Ihre Integration ohne Ausfall umstellen kann; danach läuft er ab.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>Rotating…</source>
        <translation>Wird rotiert…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>This key is revoked, expired or disabled, so it can&apos;t be rotated. Enable it first, or create a new key.</source>
        <translation>Dieser Schlüssel ist widerrufen, abgelaufen oder deaktiviert und kann nicht rotiert werden. Aktivieren Sie ihn zuerst oder erstellen Sie einen neuen Schlüssel.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/rotate_dialog.py"/>
        <source>The key wasn&apos;t rotated: %1 Click Rotate key to try again; the server makes at most one new key.</source>
        <translation>Der Schlüssel wurde nicht rotiert: %1 Klicken Sie auf Schlüssel rotieren, um es erneut zu versuchen; der Server erstellt höchstens einen neuen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>SandboxStart</name>
    <message>
        <location filename="../../rakerone_desktop/shell/sandbox_start.py"/>
        <source>The sandbox server didn&apos;t start: %1</source>
        <translation>Der Sandbox-Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/shell/sandbox_start.py"/>
        <source>RakerOne Desktop</source>
        <translation>RakerOne Desktop</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>API key, not shown</source>
        <translation>API-Schlüssel, nicht angezeigt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/copy_key_dialog.py"/>
        <source>API key, %1 characters, ending in …%2</source>
        <translation>API-Schlüssel, %1 Zeichen, endet auf …%2</translation>
    </message>
</context>
<context>
    <name>ServerProfilesField</name>
    <message>
        <location filename="../../rakerone_desktop/ui/server_profiles_field.py"/>
        <source>Remembered servers</source>
        <translation>Gemerkte Server</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/server_profiles_field.py"/>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/server_profiles_field.py"/>
        <source>Forget this server</source>
        <translation>Diesen Server vergessen</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <location filename="../../rakerone_desktop/controllers/session.py"/>
        <source>This computer has no secure keyring, so you&apos;ll stay signed in only until you quit. Nothing was saved to disk.</source>
        <translation>Dieser Computer hat keinen sicheren Schlüsselbund, daher bleiben Sie nur bis zum Beenden angemeldet. Es wurde nichts auf der Festplatte gespeichert.</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Looking…</source>
        <translation>Wird ermittelt…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Session ends</source>
        <translation>Sitzung endet</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Kept in</source>
        <translation>Gespeichert in</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>This run only (not saved on this computer)</source>
        <translation>Nur für diesen Start (nicht auf diesem Computer gespeichert)</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>in %n minute</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>in %n minutes</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>in %n hour</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>in %n hours</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>in %n days</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/session_panel.py"/>
        <source>The keyring (%1)</source>
        <translation>Der Schlüsselbund (%1)</translation>
    </message>
</context>
<context>
    <name>SessionWatch</name>
    <message>
        <location filename="../../rakerone_desktop/shell/session_watch.py"/>
        <source>Your session on this server ends at %1. Save what you are doing; you will be asked to sign in again.</source>
        <translation>Ihre Sitzung auf diesem Server endet um %1. Schließen Sie ab, woran Sie arbeiten; Sie werden gebeten, sich erneut anzumelden.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Sign in to RakerOne</source>
        <extracomment>server URL (normalised), email, password, remember, CA bundle path or &quot;&quot; server URL (normalised), remember, CA bundle path or &quot;&quot;</extracomment>
        <translation>Bei RakerOne anmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Manage your organization&apos;s API keys. Admins only.</source>
        <translation>Verwalten Sie die API-Schlüssel Ihrer Organisation. Nur für Admins.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Remember me</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Sandbox sessions are never remembered.</source>
        <translation>Sandbox-Sitzungen werden nie gespeichert.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Ser&amp;vers</source>
        <translation>Ser&amp;ver</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>&amp;Server URL</source>
        <translation>&amp;Server-URL</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Enter your email.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_dialog.py"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_errors.py"/>
        <source>Too many failed attempts. Try again in %1 seconds.</source>
        <translation>Zu viele Fehlversuche. Versuchen Sie es in %1 Sekunden erneut.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_errors.py"/>
        <source>Wrong email or password</source>
        <translation>Falsche E-Mail-Adresse oder falsches Passwort</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/ui/sign_in_errors.py"/>
        <source>Can&apos;t reach server: %1</source>
        <translation>Server nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../rakerone_desktop/shell/sign_in.py"/>
        <source>Another sign-in is running. Try again when it has finished.</source>
        <translation>Eine andere Anmeldung läuft. Versuchen Sie es erneut, wenn sie abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/shell/sign_in.py"/>
        <source>Opening your remembered session…</source>
        <translation>Ihre gespeicherte Sitzung wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>Just now</source>
        <translation>Gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n minute ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n minutes ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n minute</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n minutes</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n hour ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n hours ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n hour</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n hours</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n day ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n day</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n days</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n month ago</source>
        <translation>
            <numerusform>vor %n Monat</numerusform>
            <numerusform>vor %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n months ago</source>
        <translation>
            <numerusform>vor %n Monat</numerusform>
            <numerusform>vor %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n month</source>
        <translation>
            <numerusform>in %n Monat</numerusform>
            <numerusform>in %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n months</source>
        <translation>
            <numerusform>in %n Monat</numerusform>
            <numerusform>in %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n year ago</source>
        <translation>
            <numerusform>vor %n Jahr</numerusform>
            <numerusform>vor %n Jahren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>%n years ago</source>
        <translation>
            <numerusform>vor %n Jahr</numerusform>
            <numerusform>vor %n Jahren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n year</source>
        <translation>
            <numerusform>in %n Jahr</numerusform>
            <numerusform>in %n Jahren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rakerone_desktop/models/timefmt.py"/>
        <source>in %n years</source>
        <translation>
            <numerusform>in %n Jahr</numerusform>
            <numerusform>in %n Jahren</numerusform>
        </translation>
    </message>
</context>
</TS>
