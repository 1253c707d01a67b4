# Replaces PyInstaller's own hook for PySide6.QtGui to leave out the Qt plugins listed in
# packaging/build_config.py (UNWANTED_QT_PLUGINS) before PyInstaller follows their library
# dependencies: filtering afterwards would still bundle what they link, e.g. the whole GTK stack
# behind the GTK platform theme.

import sys

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

config = sys.modules["granska_build_config"]  # loaded by packaging/granska.spec

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if config.keep_qt_file(src)]
