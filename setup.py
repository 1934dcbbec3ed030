"""Packaging details pyproject.toml cannot say: ship two top-level folders inside the package.

``bundled_kit/portal`` becomes ``companion/_bundled_kit`` and ``resources``
becomes ``companion/_resources`` in a wheel, so an installed program finds its
kit and icons without the repository (see companion/paths.py).
"""

from setuptools import find_packages, setup

SHIPPED = {"companion._bundled_kit": "bundled_kit/portal", "companion._resources": "resources"}

setup(
    packages=[*find_packages(include=["companion", "companion.*"]), *SHIPPED],
    package_dir=SHIPPED,
    package_data={
        "companion._bundled_kit": [
            "manifest.json",
            "manifest.json.sig",
            "keys.json",
            "keys.json.sig",
            "files/*",
        ],
        "companion._resources": ["*", "*/*", "*/*/*"],
    },
    include_package_data=False,
)
