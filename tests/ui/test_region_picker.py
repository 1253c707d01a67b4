from __future__ import annotations

from PySide6.QtCore import QRect

from app.services.screenshots.capture import CapturedImage, Region
from app.ui.screenshots.region_picker import RegionPicker


def test_on_a_scaled_screen_the_selection_maps_to_physical_pixels(qtbot):
    # A 200% screen: mss returns twice the pixels the widget has in each direction.
    picker = RegionPicker(CapturedImage(bytes(200 * 100 * 3), 200, 100))
    qtbot.addWidget(picker)
    picker.resize(100, 50)
    assert picker.to_image_region(QRect(10, 10, 20, 10)) == Region(20, 20, 40, 20)
    # Never outside the picture, never empty.
    assert picker.to_image_region(QRect(95, 45, 30, 30)) == Region(190, 90, 10, 10)
    assert picker.to_image_region(QRect(0, 0, 0, 0)).width == 1
