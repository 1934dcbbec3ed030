"""The program's look: calm, high enough contrast, large click targets."""

ACCENT = "#1d4e89"

STYLE_SHEET = f"""
QListWidget#nav {{
    background: #f1f4f8;
    border: none;
    border-right: 1px solid #d5dce6;
    font-size: 15px;
    padding-top: 8px;
}}
QListWidget#nav::item {{
    padding: 10px 14px;
    border-radius: 4px;
    margin: 1px 6px;
}}
QListWidget#nav::item:selected {{
    background: {ACCENT};
    color: white;
}}
QLabel#screenTitle {{
    font-size: 22px;
    font-weight: bold;
    color: {ACCENT};
    padding: 4px 0 2px 0;
}}
QLabel#documentTitle {{
    font-size: 16px;
    font-weight: bold;
}}
QLabel#hint {{ color: #444; }}
QLabel#errorText {{ color: #a4000f; font-weight: bold; }}
QWidget#notice {{
    background: #fff4c2;
    border-bottom: 1px solid #e0c75a;
}}
QPushButton {{ padding: 5px 12px; }}
*:focus {{ outline: 2px solid {ACCENT}; }}
"""
