"""The Qt-free core: the model, the questionnaire content and the advice engine."""
