; Sổ theo dõi NQ57 — Windows installer (NSIS 3, Modern UI 2, 64-bit, per user, Vietnamese).
;
;   makensis -WX -DVERSION=0.1.0 -DSOURCE_DIR=<PyInstaller dist\SoTheoDoiNQ57> -DOUT_FILE=<setup.exe>
;            [-DLANG_DIR=<folder with NFC Vietnamese.nlf/.nsh, see nfc_language.py>] installer\nq57.nsi
;
; - No administrator rights: installs into %LOCALAPPDATA%\Programs\SoTheoDoiNQ57, writes only HKCU.
; - The data folder (%LOCALAPPDATA%\SoTheoDoiNQ57) is never touched by installing or upgrading; the
;   program migrates it on start. Uninstalling keeps it unless "Xóa cả dữ liệu" is ticked
;   (a silent uninstall, /S, keeps it).
; - `.nq57` exchange files open with the program (HKCU\Software\Classes).
; This file is UTF-8 with a BOM; every Vietnamese string in it is NFC (build-windows.sh checks).

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS Win10
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=0.1.0 ...)"
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR is not defined: the PyInstaller one-folder bundle (dist\SoTheoDoiNQ57)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "SoTheoDoiNQ57-${VERSION}-setup.exe"
!endif
!searchparse /noerrors "${VERSION}" "" V_MAJOR "." V_MINOR "." V_PATCH
!ifndef V_PATCH
  !define V_PATCH 0
!endif

!define APP_ID "SoTheoDoiNQ57"
!define PRODUCT "Sổ theo dõi NQ57"
!define PUBLISHER "Nhóm phát triển Sổ theo dõi NQ57"
!define GUI_EXE "SoTheoDoiNQ57.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"
!define FILE_EXT ".nq57"
!define FILE_CLASS "${APP_ID}.nq57"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
VIFileVersion "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Bộ cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "© ${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "nq57.ico"
!define MUI_UNICON "nq57.ico"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình theo dõi, thống kê và báo cáo thực hiện Nghị quyết 57-NQ/TW cấp phường, xã; chạy không cần mạng.$\r$\n$\r$\nChương trình được cài cho riêng tài khoản Windows này, không cần quyền quản trị. Dữ liệu đã nhập (nếu có) được giữ nguyên khi cài phiên bản mới.$\r$\n$\r$\nBấm «Tiến» để tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT} ngay"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_PAGE_HEADER_TEXT "Gỡ bỏ ${PRODUCT}"
!define MUI_PAGE_HEADER_SUBTEXT "Dữ liệu đã nhập được giữ lại, trừ khi chọn «Xóa cả dữ liệu»."
!define MUI_COMPONENTSPAGE_TEXT_TOP "Chương trình sẽ được gỡ bỏ. Thư mục dữ liệu $LOCALAPPDATA\${APP_ID} (sổ theo dõi, minh chứng, bản sao lưu) được giữ lại để cài lại sau này; chỉ đánh dấu «Xóa cả dữ liệu» khi chắc chắn không cần nữa."
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "Chọn những gì cần xóa:"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!ifdef LANG_DIR
  !insertmacro MUI_LANGUAGEEX "${LANG_DIR}" "Vietnamese"
!else
  !insertmacro MUI_LANGUAGE "Vietnamese"
!endif

Function .onInit
  SetShellVarContext current
FunctionEnd

Section "${PRODUCT}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program files as a whole (no stale modules of the older version);
  ; the data folder lives elsewhere and is not touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\nq57.exe"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "Theo dõi, thống kê và báo cáo thực hiện Nghị quyết 57-NQ/TW"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "Theo dõi, thống kê và báo cáo thực hiện Nghị quyết 57-NQ/TW"

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${SETTINGS_KEY}" "Version" "${VERSION}"

  ; Apps & features (current user)
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  ; .nq57 exchange files open with the program (it receives the path as its only argument)
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "" "${FILE_CLASS}"
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "Content Type" "application/x-nq57"
  WriteRegStr HKCU "Software\Classes\${FILE_CLASS}" "" "Gói dữ liệu ${PRODUCT}"
  WriteRegStr HKCU "Software\Classes\${FILE_CLASS}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "Software\Classes\${FILE_CLASS}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${FILE_CLASS}\shell\open" "" "Mở bằng ${PRODUCT}"
  WriteRegStr HKCU "Software\Classes\${FILE_CLASS}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "un.${PRODUCT}" UnSecProgram
  SectionIn RO
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\nq57.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; the file association, only while it is still ours
  ReadRegStr $0 HKCU "Software\Classes\${FILE_EXT}" ""
  ${If} $0 == "${FILE_CLASS}"
    DeleteRegKey HKCU "Software\Classes\${FILE_EXT}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${FILE_CLASS}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; Unticked by default, so a silent uninstall (/S) keeps the data.
Section /o "un.Xóa cả dữ liệu (sổ theo dõi, minh chứng, bản sao lưu)" UnSecData
  RMDir /r "$LOCALAPPDATA\${APP_ID}"
SectionEnd

; `uninstall.exe /S /XOADULIEU`: a silent uninstall that also removes the data folder (used by the
; build's tests; on the uninstaller's page the same choice is the "Xóa cả dữ liệu" tick box).
Function un.onInit
  SetShellVarContext current
  ${un.GetParameters} $R0
  ClearErrors
  ${un.GetOptions} $R0 "/XOADULIEU" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
