"""Record data as the web page names its fields: the paths the library's problems use."""


def entries(data, path=""):
    """(path, value) pairs of record data: `d2.statement`, `d0.era_actions[1].owner`, ticked
    options repeated under one path, yes/no as true/false; the record number left out."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            if not (path == "" and key == "record_no"):
                out += entries(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, item in enumerate(data, 1):
            out += entries(item, f"{path}[{i}]") if isinstance(item, dict) else [(path, item)]
    elif data is not None:
        out.append((path, "true" if data is True else "false" if data is False else str(data)))
    return out
