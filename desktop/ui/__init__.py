import os as _os

# Qt Multimedia (the camera) reports every optional library it could not load (PipeWire,
# VA-API) at start-up; none is needed here, and the lines would alarm whoever reads the log.
_os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)
