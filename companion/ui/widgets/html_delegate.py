"""List items drawn from a little HTML: a bold title, a grey line, a snippet.

Qt's item views draw plain text only; search results and document cards need
highlighted words and two or three lines, so the item's HTML is laid out with
a QTextDocument. The plain text stays in DisplayRole for screen readers.
Whoever fills HTML_ROLE escapes every string from the kit (``html.escape``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 100


class NoResourceDocument(QTextDocument):
    """A text document that never loads images or other resources.

    The HTML is built from escaped kit text, so it holds no ``<img>``; should
    an escape ever be missed, nothing is read from disk or network anyway.
    """

    def loadResource(self, kind: int, name) -> None:
        return None


Index = QModelIndex | QPersistentModelIndex


# Laid-out documents kept for reuse: a view asks each row's size several times
# (and paints it again on every scroll), and laying out HTML is the slow part.
KEPT_DOCUMENTS = 256


class HtmlItemDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kept: dict[tuple[str, int, str], QTextDocument] = {}

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        html = index.data(HTML_ROLE) or ""
        width = max(option.rect.width(), 200)
        key = (html, width, option.font.key())
        doc = self._kept.get(key)
        if doc is not None:
            return doc
        doc = NoResourceDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        doc.setHtml(html)
        doc.setTextWidth(width)
        if len(self._kept) >= KEPT_DOCUMENTS:
            self._kept.clear()
        self._kept[key] = doc
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.widget is not None:
            opt.rect.setWidth(opt.widget.width() - 24)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)
