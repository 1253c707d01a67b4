; Granska's Windows installer (Inno Setup 6.3 or later; the file is UTF-8 with a BOM, as Inno Setup wants).
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Granska, with a Start-menu entry. Uninstalling removes the program
; and leaves the user's database (%LOCALAPPDATA%\Vadstena kommun\Granska) where it is.
;
; The build injects the version and the paths; this script never holds a version number:
;   python packaging\build.py        (clean venv, PyInstaller bundle, then ISCC with the defines)
; which runs, from the repository root:
;   ISCC /DAppVersion=<app\version.py> /DBundleDir=dist\Granska /DIconFile=resources\icons\granska.ico /Odist packaging\windows\granska.iss
;
; tests/packaging/test_windows_installer.py checks this script against app\version.py, the
; build's defines and the bundle's files.

#ifndef AppVersion
  #error AppVersion is not defined: build with packaging\build.py, which passes /DAppVersion from app\version.py
#endif
#ifndef BundleDir
  #error BundleDir is not defined: build with packaging\build.py, which passes the PyInstaller bundle folder
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\granska.ico"
#endif

#define AppName "Granska"
#define AppPublisher "Vadstena kommun"
#define AppExeName "Granska.exe"
#define HaveSwedish FileExists(CompilerPath + "Languages\Swedish.isl")

[Setup]
; AppId is how Windows recognises Granska across versions: an upgrade finds the installed copy
; by it and replaces it. It must never change (a new GUID would install a second Granska).
AppId={{8FF37B20-E35B-4880-9198-5EFA0E5CC7F2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL=https://www.vadstena.se/
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt, and {autopf} is %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
SetupIconFile={#IconFile}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running Granska is asked to close before its files are replaced.
CloseApplications=yes
WizardStyle=modern
Compression=lzma2
SolidCompression=yes

[Languages]
#if HaveSwedish
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#if HaveSwedish
sv.AppComment=Granska och moderera kommentarer på kommunens sociala medier
#endif
en.AppComment=Review and moderate comments on the municipality's social media accounts

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries wholesale, so nothing of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole PyInstaller folder. The database is not in it: the app keeps it in the user's data
; folder, which this installer never writes to or deletes.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The user's database in %LOCALAPPDATA%\Vadstena kommun\Granska stays.
Type: filesandordirs; Name: "{app}\_internal"
