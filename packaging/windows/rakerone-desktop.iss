; Inno Setup 6 script: a per-user installer for the PyInstaller build of RakerOne Desktop.
;
; On Windows, after `python packaging\build.py` (which leaves the app in
; packaging\dist\rakerone-desktop and its icon in packaging\build\icons\app.ico):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\rakerone-desktop.iss
;
; The version must be the app's (python -c "import rakerone_desktop as r; print(r.__version__)");
; the script refuses to compile without one. Output: packaging\dist\RakerOne-Desktop-<version>-setup.exe.
; Signing: add /DSignTool=... with a SignTool defined in the IDE (see packaging/README.md).
; Not built on the project's Linux machines: Inno Setup runs on Windows only.

#ifndef AppVersion
  #error Pass the app's version: iscc /DAppVersion=X.Y.Z rakerone-desktop.iss
#endif

#define AppName "RakerOne Desktop"
#define AppExe "rakerone-desktop.exe"

[Setup]
; The AppId identifies the app across versions (upgrades, uninstall): never change it.
AppId={{BBC1C71E-4B18-48C4-8ADD-DDE0F2D4DF0D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=RakerOne
AppPublisherURL=https://rakerone.com/desktop/
AppSupportURL=https://rakerone.com/desktop/support/
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user by default (no administrator needed); "for all users" on request.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=..\build\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=RakerOne-Desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
; A running copy would keep its files open: ask it to close (it quits on WM_CLOSE).
CloseApplications=yes
RestartApplications=no
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build. Settings and the log file live in the user's profile,
; not here, so an upgrade or uninstall never touches them.
Source: "..\dist\rakerone-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the folder: no library of an older build is left to load.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "RakerOne.Desktop"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon; AppUserModelID: "RakerOne.Desktop"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
