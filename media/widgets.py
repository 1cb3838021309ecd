from django import forms


class FocalPointWidget(forms.NumberInput):
    """The focal point's x as a number input, with the photo beside it: a click on the photo sets
    both x and y (the y input is found through `data-y-input`). A file chosen in the form's file input
    (`data-file-input`) is shown there at once, before it is sent, so the point can be set on a new photo."""

    template_name = "media/widgets/focal_point.html"

    class Media:
        js = ["media/focal-point.js"]
        css = {"all": ["media/focal-point.css"]}

    def __init__(self, attrs=None, image_url=None, y_input_id="id_focal_y", file_input_id="id_image"):
        super().__init__({"step": "0.01", "min": "0", "max": "1", **(attrs or {})})
        self.image_url = image_url
        self.y_input_id = y_input_id
        self.file_input_id = file_input_id

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"] |= {
            "image_url": self.image_url,
            "y_input_id": self.y_input_id,
            "file_input_id": self.file_input_id,
        }
        return context
